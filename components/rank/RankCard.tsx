'use client';
/**
 * One candidate in the ranking list: its rank (tied ranks shown as "2="), a drag handle that is also the
 * keyboard handle (dnd-kit sortable: Space picks up, arrows move, Space drops), the Markdown-rendered text
 * and the "tie with the one above" toggle (beside the text; under it on a phone, so the text keeps the width).
 */
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { Response } from '@/lib/core/types';
import { Markdown } from '@/components/Markdown';
import { Kbd } from '@/components/ui/Button';

export interface RankCardProps {
  response: Response;
  letter: string;
  /** 1-based position in the list. */
  position: number;
  count: number;
  /** 1-based rank of the candidate's tier. */
  rank: number;
  /** Shares its tier with another candidate. */
  tiedRank: boolean;
  /** Its "tie with the one above" toggle is on (meaningless for the first card). */
  tiedWithAbove: boolean;
  onToggleTie: () => void;
}

/** A sortable candidate card (see the file header). */
export function RankCard({
  response,
  letter,
  position,
  count,
  rank,
  tiedRank,
  tiedWithAbove,
  onToggleTie,
}: RankCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: response.id });
  const rankText = `${rank}${tiedRank ? '=' : ''}`;
  const tieId = `tie-${response.id}`;
  const first = position === 1;
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-testid="rank-card"
      data-response-id={response.id}
      data-rank={rankText}
      className={`flex flex-wrap gap-3 rounded-lg border sm:flex-nowrap bg-white p-3 dark:bg-slate-950 ${
        isDragging
          ? 'relative z-10 border-blue-700 shadow-lg ring-2 ring-blue-700'
          : 'border-slate-300 dark:border-slate-700'
      }`}
    >
      <div className="flex w-14 shrink-0 flex-col items-center gap-2">
        <span className="text-2xl font-bold tabular-nums" aria-hidden="true">
          {rankText}
        </span>
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          data-rank-handle=""
          aria-label={`Response ${letter}: rank ${rankText} (position ${position} of ${count}). Space to move.`}
          className="cursor-grab touch-none rounded-md border border-slate-400 px-2 py-1 text-lg leading-none text-slate-800 hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-700 active:cursor-grabbing dark:border-slate-500 dark:text-slate-100 dark:hover:bg-slate-800"
        >
          <span aria-hidden="true">⇅</span>
        </button>
      </div>
      <div className="min-w-0 flex-1 basis-[calc(100%-4.75rem)] sm:basis-auto">
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          Response {letter}
        </h3>
        <Markdown text={response.text} />
      </div>
      <div className="shrink-0 basis-full self-start pl-[4.25rem] sm:basis-auto sm:pl-0">
        <input
          id={tieId}
          type="checkbox"
          checked={tiedWithAbove && !first}
          disabled={first}
          onChange={onToggleTie}
          className="mr-1 h-4 w-4 align-middle accent-blue-700"
        />
        <label htmlFor={tieId} className={`text-sm ${first ? 'text-slate-500' : ''}`}>
          Tie with the one above <Kbd>=</Kbd>
        </label>
      </div>
    </li>
  );
}
