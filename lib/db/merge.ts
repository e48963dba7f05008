/**
 * The merge rule of an import, for a row whose id is already stored:
 * - a field the incoming row lacks (or fills with its format's default, e.g. a labels file's empty `tags`)
 *   keeps the stored value: an import never makes a stored row poorer;
 * - a field only the incoming row has is added (the row is `filled`);
 * - a field both have with different values is a real conflict: the row is left as stored unless the user
 *   chooses to replace, and then only the conflicting and new fields change.
 * Pure: no database access (lib/db/import.ts applies it).
 */
import { stableJson } from './packs';

/**
 * Fields a format could not read from its file and filled with a default: per table, field → default
 * value. An incoming field equal to its default counts as absent.
 */
export type FieldDefaults = Partial<Record<string, Readonly<Record<string, unknown>>>>;

/** One field where the stored row and the incoming one disagree. */
export interface FieldConflict {
  field: string;
  stored: unknown;
  incoming: unknown;
}

export type MergeOutcome<T> =
  | { kind: 'unchanged' }
  | { kind: 'filled'; merged: T; fields: string[] }
  | { kind: 'conflict'; conflicts: FieldConflict[]; replaced: T };

/** Merge an incoming row into the stored row with the same id (see the rule at the top). */
export function mergeRow<T extends object>(
  stored: T,
  incoming: T,
  defaults: Readonly<Record<string, unknown>> = {},
): MergeOutcome<T> {
  const old = stored as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...old };
  const filled: string[] = [];
  const conflicts: FieldConflict[] = [];
  for (const [field, value] of Object.entries(incoming as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (field in defaults && stableJson(value) === stableJson(defaults[field])) continue;
    const before = old[field];
    if (before === undefined) {
      merged[field] = value;
      filled.push(field);
    } else if (stableJson(before) !== stableJson(value)) {
      merged[field] = value;
      conflicts.push({ field, stored: before, incoming: value });
    }
  }
  if (conflicts.length) return { kind: 'conflict', conflicts, replaced: merged as T };
  if (filled.length) return { kind: 'filled', merged: merged as T, fields: filled };
  return { kind: 'unchanged' };
}

/** A value shortened for a one-line display of a conflict (JSON, at most `max` characters). */
export function shortValue(v: unknown, max = 80): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : (stableJson(v) ?? String(v));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
