/**
 * How the labeling page names things in its messages: a decision in words ("left much better"), and a
 * prompt by its opening words (the reveal, the strip of recent decisions and the Saved/Undone line name
 * the pair they speak of that way).
 */
import type { Outcome, Strength } from '@/lib/core/types';
import type { LastDecision } from './useLabelingSession';
import { stripBidiControls } from '@/lib/core/display';

/** A judgment in words: "left better", "right much better", "tie", "both bad". */
export function describeOutcome(outcome: Outcome, strength?: Strength): string {
  const much = strength === 3 ? 'much ' : '';
  return outcome === 'a'
    ? `left ${much}better`
    : outcome === 'b'
      ? `right ${much}better`
      : outcome === 'tie'
        ? 'tie'
        : 'both bad';
}

/** A decision in words: a judgment as {@link describeOutcome}, or "skipped". */
export function describeDecision(d: Pick<LastDecision, 'kind' | 'outcome' | 'strength'>): string {
  return d.kind === 'skip' ? 'skipped' : describeOutcome(d.outcome ?? 'tie', d.strength);
}

/**
 * A prompt's opening words on one line (at most `max` characters, cut at a word with "…"): whitespace
 * collapsed, bidi controls removed, and an HH-RLHF transcript's leading "Human:" dropped.
 */
export function promptExcerpt(text: string | undefined, max = 60): string {
  if (!text) return 'a prompt no longer stored';
  const flat = stripBidiControls(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^Human: /, '');
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
