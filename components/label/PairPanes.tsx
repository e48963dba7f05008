'use client';
/**
 * The pair on /label: the prompt, then the two responses side by side (stacked on a phone). On wider
 * screens each response scrolls inside its own pane, so a long answer never pushes the decision bar
 * (DecisionBar.tsx) away; "scroll together" keeps both panes at the same relative position.
 */
import { useRef, type RefObject, type UIEvent } from 'react';
import type { Prompt, Response } from '@/lib/core/types';
import { Markdown } from '@/components/Markdown';
import { Kbd } from '@/components/ui/Button';

/** The panes' height on md+ screens: what is left of the window after the page's other parts. */
const PANE_HEIGHT = 'md:max-h-[max(12rem,calc(100dvh-29rem))]';

export function PairPanes({
  prompt,
  left,
  right,
  together,
}: {
  prompt: Prompt;
  left: Response;
  right: Response;
  /** Scroll both panes together. */
  together: boolean;
}) {
  const leftPane = useRef<HTMLDivElement>(null);
  const rightPane = useRef<HTMLDivElement>(null);
  const syncing = useRef(false);
  /** Scroll the other pane to the same relative position as `from` (when scrolling together). */
  function follow(from: HTMLDivElement, to: HTMLDivElement | null) {
    if (!together || syncing.current || !to) return;
    const room = from.scrollHeight - from.clientHeight;
    syncing.current = true;
    to.scrollTop = room > 0 ? (from.scrollTop / room) * (to.scrollHeight - to.clientHeight) : 0;
    requestAnimationFrame(() => (syncing.current = false));
  }
  return (
    <>
      <section
        aria-label="Prompt"
        data-testid="pair"
        data-pair={`${left.id}|${right.id}`}
        data-prompt-id={prompt.id}
        className="max-h-[30vh] overflow-y-auto rounded-lg border border-slate-300 bg-slate-50 px-4 py-3 dark:border-slate-700 dark:bg-slate-900"
        tabIndex={0}
      >
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          {prompt.category} · prompt
        </p>
        <div className="mt-1 text-lg">
          <Markdown text={prompt.text} />
        </div>
      </section>
      <div className="grid gap-3 md:grid-cols-2">
        <ResponsePane
          side="Left"
          keys={['1', '←']}
          response={left}
          pane={leftPane}
          onScroll={(e) => follow(e.currentTarget, rightPane.current)}
        />
        <ResponsePane
          side="Right"
          keys={['2', '→']}
          response={right}
          pane={rightPane}
          onScroll={(e) => follow(e.currentTarget, leftPane.current)}
        />
      </div>
    </>
  );
}

function ResponsePane({
  side,
  keys,
  response,
  pane,
  onScroll,
}: {
  side: 'Left' | 'Right';
  keys: [string, string];
  response: Response;
  pane: RefObject<HTMLDivElement | null>;
  onScroll: (e: UIEvent<HTMLDivElement>) => void;
}) {
  return (
    <article
      aria-label={`${side} response`}
      data-testid={`response-${side.toLowerCase()}`}
      className="flex min-w-0 flex-col rounded-lg border border-slate-300 dark:border-slate-700"
    >
      <h2 className="flex items-center gap-2 border-b border-slate-200 px-4 py-1.5 text-sm font-semibold uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400">
        {side}
        <span className="hidden normal-case sm:inline" aria-hidden="true">
          <Kbd>{keys[0]}</Kbd> <Kbd>{keys[1]}</Kbd>
        </span>
      </h2>
      <div
        ref={pane}
        onScroll={onScroll}
        tabIndex={0}
        aria-label={`${side} response text`}
        data-testid={`pane-${side.toLowerCase()}`}
        className={`min-h-0 flex-1 overflow-y-auto px-4 py-2 ${PANE_HEIGHT}`}
      >
        <Markdown text={response.text} />
      </div>
    </article>
  );
}
