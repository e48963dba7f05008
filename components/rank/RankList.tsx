'use client';
/**
 * Parts of the ranking workbench: the sortable list of candidate cards (ranks from the order and the tie
 * toggles), the screen-reader announcements for moving a card, and the on-screen keyboard help.
 */
import type { Announcements, UniqueIdentifier } from '@dnd-kit/core';
import { tiersFromOrder } from '@/lib/core/labeling/ranking';
import type { Response } from '@/lib/core/types';
import { Kbd } from '@/components/ui/Button';
import { RankCard } from './RankCard';
import { RANK_SHORTCUTS } from './keys';
import type { RankCurrent } from './useRankingSession';

/** The sortable list of candidate cards, with ranks computed from the order and tie toggles. */
export function RankList({
  cur,
  session,
  toggleTie,
}: {
  cur: RankCurrent;
  session: { responses: ReadonlyMap<string, Response> };
  toggleTie: (id: string) => void;
}) {
  const tiers = tiersFromOrder(cur.order, cur.tied);
  const tierOf = new Map<string, number>();
  tiers.forEach((t, i) => t.forEach((id) => tierOf.set(id, i)));
  return (
    <ol className="space-y-3" aria-label="Responses, best first" data-testid="rank-list">
      {cur.order.map((id, i) => {
        const response = session.responses.get(id);
        if (!response) return null;
        const tier = tierOf.get(id)!;
        return (
          <RankCard
            key={id}
            response={response}
            letter={cur.letters.get(id) ?? '?'}
            position={i + 1}
            count={cur.order.length}
            rank={tier + 1}
            tiedRank={tiers[tier].length > 1}
            tiedWithAbove={cur.tied.has(id)}
            onToggleTie={() => toggleTie(id)}
          />
        );
      })}
    </ol>
  );
}

/** Screen-reader announcements that name responses by letter and position, not by internal id. */
export function announcements(cur: RankCurrent): Announcements {
  const name = (id: UniqueIdentifier) => `Response ${cur.letters.get(String(id)) ?? ''}`;
  const pos = (id: UniqueIdentifier) => cur.order.indexOf(String(id)) + 1;
  const n = cur.order.length;
  return {
    onDragStart: ({ active }) => `Picked up ${name(active.id)} at position ${pos(active.id)} of ${n}.`,
    onDragOver: ({ active, over }) =>
      !over
        ? undefined
        : over.id === active.id
          ? `${name(active.id)} is at position ${pos(active.id)} of ${n}.`
          : `${name(active.id)} is over position ${pos(over.id)} of ${n}.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${name(active.id)} dropped at position ${pos(over.id)} of ${n}.`
        : `${name(active.id)} dropped.`,
    onDragCancel: ({ active }) =>
      `Moving cancelled. ${name(active.id)} is back at position ${pos(active.id)}.`,
  };
}

/** The ranking keys, always on screen. */
export function RankShortcuts() {
  return (
    <section
      aria-labelledby="rank-keys"
      className="rounded-lg border border-slate-300 p-3 text-sm dark:border-slate-700"
    >
      <h2 id="rank-keys" className="font-semibold">
        Keyboard
      </h2>
      <ul className="mt-1 grid gap-1 sm:grid-cols-2">
        {RANK_SHORTCUTS.map((s) => (
          <li key={s.what}>
            {s.keys.map((k) => (
              <span key={k} className="mr-1">
                <Kbd>{k}</Kbd>
              </span>
            ))}{' '}
            {s.what}
          </li>
        ))}
      </ul>
    </section>
  );
}
