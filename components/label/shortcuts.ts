/** The labeling keyboard map, shared by the key handler, the on-screen hints and the help overlay. */
import type { Outcome, Strength } from '@/lib/core/types';

export type LabelAction =
  | { kind: 'judge'; outcome: Outcome; strength?: Strength }
  | { kind: 'skip' }
  | { kind: 'undo' }
  | { kind: 'help' };

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['1', '←'], what: 'Left response is better' },
  { keys: ['2', '→'], what: 'Right response is better' },
  { keys: ['Shift', '+ 1/2/←/→'], what: 'Much better (strength 3 instead of 2)' },
  { keys: ['T'], what: 'Tie: equally good' },
  { keys: ['B'], what: 'Both bad' },
  { keys: ['S'], what: 'Skip this pair (not used for training)' },
  { keys: ['U', 'Ctrl+Z'], what: 'Undo the last decision (press again to step back further)' },
  { keys: ['?'], what: 'Show or hide this help' },
];

/** Map a keydown to a labeling action, or null. Uses `code` for digits so Shift+1 still means 1. */
export function actionForKey(e: {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): LabelAction | null {
  if (e.altKey) return null;
  const strength: Strength = e.shiftKey ? 3 : 2;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') return { kind: 'undo' };
  if (e.ctrlKey || e.metaKey) return null;
  if (e.code === 'Digit1' || e.code === 'Numpad1' || e.key === 'ArrowLeft')
    return { kind: 'judge', outcome: 'a', strength };
  if (e.code === 'Digit2' || e.code === 'Numpad2' || e.key === 'ArrowRight')
    return { kind: 'judge', outcome: 'b', strength };
  switch (e.key.toLowerCase()) {
    case 't':
      return { kind: 'judge', outcome: 'tie' };
    case 'b':
      return { kind: 'judge', outcome: 'both_bad' };
    case 's':
      return { kind: 'skip' };
    case 'u':
      return { kind: 'undo' };
    case '?':
      return { kind: 'help' };
    default:
      return null;
  }
}
