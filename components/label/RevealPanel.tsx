'use client';
/**
 * After a judgment (when "reveal" is on): which response of the pair just judged was correct. It names
 * that pair by its prompt's opening words, because by the time it is read the next pair is on screen:
 * the reveal must never look as if it spoke of the pair shown now.
 */
import type { Prompt, Response } from '@/lib/core/types';
import type { LastDecision } from './useLabelingSession';
import { describeDecision, promptExcerpt } from './words';

function verdict(r: Response | undefined): string {
  if (!r || r.correct === undefined) return 'no gold label';
  return r.correct ? 'correct' : 'incorrect';
}

/** Whether the decision preferred the incorrect one of a right/wrong pair. */
export function pickedWrong(last: LastDecision, responses: Map<string, Response>): boolean {
  const left = responses.get(last.leftId);
  const right = responses.get(last.rightId);
  const picked = last.outcome === 'a' ? left : last.outcome === 'b' ? right : undefined;
  return picked?.correct === false && left?.correct !== right?.correct;
}

export function RevealPanel({
  last,
  prompts,
  responses,
}: {
  last: LastDecision;
  prompts: Map<string, Prompt>;
  responses: Map<string, Response>;
}) {
  const left = responses.get(last.leftId);
  const right = responses.get(last.rightId);
  const wrong = pickedWrong(last, responses);
  return (
    <section
      aria-label="Gold for the pair just judged"
      data-testid="reveal"
      data-prompt-id={last.promptId}
      className={`rounded-md border px-2 py-1 text-sm ${
        wrong
          ? 'border-amber-600 bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-50'
          : 'border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-900'
      }`}
    >
      <span className="font-semibold">
        Gold<span className="hidden sm:inline"> for the pair just judged</span>
      </span>{' '}
      (“
      <bdi data-testid="reveal-prompt">{promptExcerpt(prompts.get(last.promptId)?.text)}</bdi>”
      <span className="hidden sm:inline">, you said {describeDecision(last)}</span>): Left was{' '}
      <strong>{verdict(left)}</strong>; right was <strong>{verdict(right)}</strong>.
      {wrong ? (
        <>
          {' '}
          You preferred the incorrect one
          <span className="hidden sm:inline">: that is exactly what a reward model learns from</span>.
        </>
      ) : null}
    </section>
  );
}
