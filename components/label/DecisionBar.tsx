'use client';
/**
 * The decision bar of /label: every decision with its key, stuck to the bottom of the window so it is on
 * screen whatever the length of the responses (they scroll in their own panes), with the confirmation line
 * (the page's one aria-live announcer: "Saved: …", "Undone: …") and, when reveal is on, the gold of the
 * pair just judged. On a phone the buttons form a 3-column grid (left · tie · right on the first row).
 */
import type { ReactNode } from 'react';
import type { Outcome, Strength } from '@/lib/core/types';
import { Button, Kbd } from '@/components/ui/Button';
import type { Flash } from './useFlash';

/** The look of a bar stuck to the window's bottom (this one, and rank mode's submit/undo bar). */
export const STICKY_BAR =
  'sticky bottom-0 z-30 -mx-2 border-t border-slate-300 bg-white/95 px-2 shadow-[0_-6px_16px_-8px_rgba(15,23,42,0.25)] backdrop-blur-sm dark:border-slate-700 dark:bg-slate-950/95';

/** A key hint, left out on small screens (phones have no keyboard shortcuts to learn). */
function Key({ children }: { children: ReactNode }) {
  return (
    <span className="hidden sm:inline">
      <Kbd>{children}</Kbd>
    </span>
  );
}

/** The side in a "much better" button: read out always, shown only on phones (beside it on wider screens). */
function Side({ children }: { children: ReactNode }) {
  return <span className="sm:sr-only">{children}</span>;
}

/** The small buttons' look on a phone (four to a row). */
const SMALL = 'col-span-3 px-1 text-xs sm:text-sm';

const BADGE: Record<Flash['kind'], string> = {
  saved: 'bg-green-700 text-white',
  undone: 'bg-blue-700 text-white',
  info: 'bg-slate-600 text-white',
};
const BADGE_TEXT: Record<Flash['kind'], string> = { saved: '✓ Saved', undone: '↶ Undone', info: 'Note' };

export function DecisionBar({
  onJudge,
  onSkip,
  onUndo,
  flash,
  fresh,
  reveal,
  canDecide,
}: {
  onJudge: (outcome: Outcome, strength?: Strength) => void;
  onSkip: () => void;
  onUndo: () => void;
  flash: Flash;
  fresh: boolean;
  /** The gold of the pair just judged (RevealPanel), when reveal is on. */
  reveal: ReactNode;
  /** False when no pair is on screen (everything labeled): only undo is offered. */
  canDecide: boolean;
}) {
  return (
    <div data-testid="decision-bar" className={`${STICKY_BAR} space-y-1.5 pb-2 pt-1.5`}>
      <div className="flex min-h-6 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        {flash.text && (
          <span
            aria-hidden="true"
            data-testid="flash"
            data-fresh={fresh ? 'true' : 'false'}
            className={`rounded-full px-2 py-0.5 text-xs font-semibold transition-opacity duration-700 ${BADGE[flash.kind]} ${
              fresh ? 'opacity-100' : 'opacity-0'
            }`}
          >
            {BADGE_TEXT[flash.kind]}
          </span>
        )}
        <p
          aria-live="polite"
          data-testid="status"
          className="min-w-0 flex-1 truncate text-slate-800 dark:text-slate-200"
        >
          {flash.text}
        </p>
      </div>
      {reveal}
      <div
        role="group"
        aria-label="Decision"
        className="grid grid-cols-12 gap-1.5 sm:flex sm:flex-wrap sm:items-center sm:[&>button]:px-2.5"
      >
        {canDecide && (
          <>
            <Button variant="primary" className="order-1 col-span-6" onClick={() => onJudge('a', 2)}>
              ← Left better <Key>1</Key>
            </Button>
            <Button className="order-3 col-span-6 sm:order-2" onClick={() => onJudge('a', 3)}>
              <Side>Left</Side> much better <Key>⇧1</Key>
            </Button>
            <Button className={`order-5 sm:order-3 sm:ml-auto ${SMALL}`} onClick={() => onJudge('tie')}>
              Tie <Key>T</Key>
            </Button>
            <Button className={`order-6 sm:order-4 ${SMALL}`} onClick={() => onJudge('both_bad')}>
              Both bad <Key>B</Key>
            </Button>
            <Button className={`order-7 sm:order-5 ${SMALL}`} onClick={onSkip}>
              Skip <Key>S</Key>
            </Button>
          </>
        )}
        <Button className={`order-8 sm:order-6 ${SMALL}`} onClick={onUndo}>
          Undo <Key>U</Key>
        </Button>
        {canDecide && (
          <>
            <Button className="order-4 col-span-6 sm:order-7 sm:ml-auto" onClick={() => onJudge('b', 3)}>
              <Side>Right</Side> much better <Key>⇧2</Key>
            </Button>
            <Button
              variant="primary"
              className="order-2 col-span-6 sm:order-8"
              onClick={() => onJudge('b', 2)}
            >
              Right better <Key>2</Key> →
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
