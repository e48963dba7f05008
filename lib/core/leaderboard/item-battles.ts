/**
 * Turning the lab's comparisons into item battles for the Chatbot-Arena-style leaderboard: the items are
 * the responses' sources (models or authors), their style tags, or the responses themselves. `both_bad`
 * counts as a tie, as Arena's "tie (bothbad)" does; battles between two responses of the same item are
 * left out (they say nothing about the item).
 */
import type { Battle } from './bradley-terry';
import type { Comparison, Response } from '../types';
import { tagValue } from '../types';

export type ItemKind = 'source' | 'style' | 'response';

/** The item a response belongs to, or null when it has none of that kind. */
export function itemOf(r: Response, kind: ItemKind): string | null {
  if (kind === 'response') return r.id;
  if (kind === 'source') return r.source ?? null;
  const style = tagValue(r.tags, 'style');
  return style ?? null;
}

/** Battles between items from comparisons. */
export function itemBattles(
  comparisons: readonly Comparison[],
  responses: ReadonlyMap<string, Response>,
  kind: ItemKind,
): Battle[] {
  const out: Battle[] = [];
  for (const c of comparisons) {
    const ra = responses.get(c.aId);
    const rb = responses.get(c.bId);
    if (!ra || !rb) continue;
    const a = itemOf(ra, kind);
    const b = itemOf(rb, kind);
    if (a === null || b === null || a === b) continue;
    out.push({ a, b, winner: c.outcome === 'a' ? 'a' : c.outcome === 'b' ? 'b' : 'tie' });
  }
  return out;
}
