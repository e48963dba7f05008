/**
 * Checks one incoming Yjs update against a participant document before it touches the document: the
 * update is applied to a scratch copy (a fresh Y.Doc holding the current state), and every entry it
 * changes must be a record of `labels` or `skips` that the contract's schemas accept, written by this
 * participant, on the room's dataset, keyed by its own id. Nothing else may change, nothing may be left
 * waiting on missing changes, and the document may not grow past MAX_RECORDS_PER_PARTICIPANT.
 */
import * as Y from 'yjs';
import {
  LABELS_MAP,
  MAX_RECORDS_PER_PARTICIPANT,
  SKIPS_MAP,
  roomLabelSchema,
  roomSkipSchema,
} from '../../lib/core/room/protocol';

/** Any shared type of a document (the element type of a Y.AbstractType is its event type). */
type YType = Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>;

/** Whose document it is and which dataset the room labels. */
export interface UpdateContext {
  participantId: string;
  datasetId: string;
}

/** An accepted update says whether it changes anything; a refused one says why, in words. */
export type Verdict = { ok: true; changes: boolean } | { ok: false; reason: string };

/** The name a top-level type of `doc` is shared under, or null for a nested type. */
function topLevelName(doc: Y.Doc, type: YType): string | null {
  for (const [name, t] of doc.share) if (t === type) return name;
  return null;
}

/** Checks `update` against `doc` for the participant of `ctx` (see the file header). Never changes `doc`. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, ctx: UpdateContext): Verdict {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    const maps = { [LABELS_MAP]: scratch.getMap(LABELS_MAP), [SKIPS_MAP]: scratch.getMap(SKIPS_MAP) };
    const changed = new Map<YType, Set<string | null>>();
    scratch.on('afterTransaction', (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) {
        const set = changed.get(type) ?? new Set<string | null>();
        for (const k of keys) set.add(k);
        changed.set(type, set);
      }
    });
    try {
      Y.applyUpdate(scratch, update);
    } catch (e) {
      return { ok: false, reason: `not a Yjs update (${(e as Error).message})` };
    }
    if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null)
      return { ok: false, reason: 'the update depends on changes the server does not have' };
    for (const [type, keys] of changed) {
      const name = topLevelName(scratch, type);
      const map = name === LABELS_MAP || name === SKIPS_MAP ? maps[name] : null;
      if (map === null || (map as unknown) !== type)
        return {
          ok: false,
          reason: name
            ? `changes "${name}"; only "${LABELS_MAP}" and "${SKIPS_MAP}" may change`
            : 'changes a nested type; records must be plain values',
        };
      const schema = name === LABELS_MAP ? roomLabelSchema : roomSkipSchema;
      for (const key of keys) {
        if (key === null) return { ok: false, reason: `"${name}" must be a map keyed by record id` };
        if (!map.has(key)) continue; // a removal (undo) is allowed
        const parsed = schema.safeParse(map.get(key));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return {
            ok: false,
            reason: `${name}["${key}"]: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`,
          };
        }
        const r = parsed.data;
        if (r.id !== key) return { ok: false, reason: `${name}["${key}"]: id is "${r.id}", not its key` };
        if (r.annotatorId !== ctx.participantId)
          return {
            ok: false,
            reason: `${name}["${key}"]: annotatorId "${r.annotatorId}" is not this participant`,
          };
        if (r.datasetId !== ctx.datasetId)
          return {
            ok: false,
            reason: `${name}["${key}"]: datasetId "${r.datasetId}" is not the room's dataset "${ctx.datasetId}"`,
          };
      }
    }
    const records = maps[LABELS_MAP].size + maps[SKIPS_MAP].size;
    if (records > MAX_RECORDS_PER_PARTICIPANT)
      return {
        ok: false,
        reason: `the document would hold ${records} records, over the limit of ${MAX_RECORDS_PER_PARTICIPANT}`,
      };
    const before = Y.encodeStateVector(doc);
    const after = Y.encodeStateVector(scratch);
    const moved = before.length !== after.length || before.some((b, i) => b !== after[i]);
    return { ok: true, changes: changed.size > 0 || moved };
  } finally {
    scratch.destroy();
  }
}
