/**
 * Keyboard map of the ranking mode. Picking up, moving and dropping a candidate belong to dnd-kit's
 * keyboard sensor (Space, arrows, Space/Escape); these are the page's own keys, active when no candidate
 * is being moved and the focus is not in a text field.
 */

/** What a key does on the ranking page. */
export type RankAction = 'submit' | 'undo' | 'focus-up' | 'focus-down' | 'tie';

/** The shortcuts as shown on screen. */
export const RANK_SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Tab', '↑', '↓'], what: 'Move the focus between candidates' },
  { keys: ['Space'], what: 'Pick up the focused candidate; then ↑/↓ move it, Space drops, Esc cancels' },
  { keys: ['='], what: 'Tie the focused candidate with the one above (again to untie)' },
  { keys: ['Enter'], what: 'Submit the ranking (saved before the next prompt appears)' },
  { keys: ['U'], what: 'Undo the last ranking' },
];

/** True when the event target is a text field (keys then type, they do not act). */
export function isTyping(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** True when Enter on the target has its own meaning (a button, link or form control other than a handle). */
function ownsEnter(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.dataset.rankHandle !== undefined) return false;
  return ['BUTTON', 'A', 'INPUT', 'TEXTAREA', 'SELECT', 'SUMMARY'].includes(target.tagName);
}

/** The ranking action for a key press, or null (see the file header for when keys act). */
export function rankActionForKey(e: KeyboardEvent): RankAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  if (isTyping(e.target)) return null;
  const onHandle = e.target instanceof HTMLElement && e.target.dataset.rankHandle !== undefined;
  switch (e.key) {
    case 'Enter':
      return ownsEnter(e.target) ? null : 'submit';
    case 'u':
    case 'U':
      return 'undo';
    case '=':
      return onHandle ? 'tie' : null;
    case 'ArrowUp':
      return onHandle ? 'focus-up' : null;
    case 'ArrowDown':
      return onHandle ? 'focus-down' : null;
    default:
      return null;
  }
}
