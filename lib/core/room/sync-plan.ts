/**
 * What a participant's page sends to the room, decided in plain TypeScript: the labels and skips stored
 * in IndexedDB (local first: the truth) against the keys already in the participant's Yjs document. The
 * document mirrors the store: a record it lacks is set (by id, so it arrives once however often the page
 * reconnects), a key the store no longer has (an undo) is deleted. Also the header's room status line.
 * components/room/useRoomSync.ts runs these around y-websocket.
 */
import type { Comparison, Skip } from '../types';
import { MAX_MESSAGE_BYTES, MAX_RECORDS_PER_PARTICIPANT } from './protocol';

/** This participant's records on the room's dataset, as IndexedDB holds them. */
export interface StoredRecords {
  labels: readonly Comparison[];
  skips: readonly Skip[];
}

/** The record ids already in the participant document's `labels` and `skips` maps. */
export interface DocKeys {
  labels: ReadonlySet<string>;
  skips: ReadonlySet<string>;
}

/** Changes that make the document hold exactly the stored records. */
export interface SyncPlan {
  setLabels: Comparison[];
  setSkips: Skip[];
  deleteLabels: string[];
  deleteSkips: string[];
}

/** A record without its undefined fields (a Yjs map value is plain data). */
export function plainRecord<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/** Stored records whose id is not yet in the document (what waits to reach the room). */
export function pendingRecords(stored: StoredRecords, inDoc: DocKeys): StoredRecords {
  return {
    labels: stored.labels.filter((c) => !inDoc.labels.has(c.id)),
    skips: stored.skips.filter((s) => !inDoc.skips.has(s.id)),
  };
}

/** How many stored records (labels and skips) are not yet in the document. */
export function pendingCount(stored: StoredRecords, inDoc: DocKeys): number {
  const p = pendingRecords(stored, inDoc);
  return p.labels.length + p.skips.length;
}

/**
 * The changes that bring the document to the stored records: set only missing keys (a key already there
 * is never rewritten), delete keys the store no longer holds. Apply only once the document has synced
 * with the server, so "not in the document" means "not in the room".
 */
export function syncPlan(stored: StoredRecords, inDoc: DocKeys): SyncPlan {
  const pending = pendingRecords(stored, inDoc);
  const labelIds = new Set(stored.labels.map((c) => c.id));
  const skipIds = new Set(stored.skips.map((s) => s.id));
  return {
    setLabels: pending.labels.map(plainRecord),
    setSkips: pending.skips.map(plainRecord),
    deleteLabels: [...inDoc.labels].filter((id) => !labelIds.has(id)),
    deleteSkips: [...inDoc.skips].filter((id) => !skipIds.has(id)),
  };
}

/** True when the plan changes nothing. */
export function isEmptyPlan(plan: SyncPlan): boolean {
  return (
    plan.setLabels.length + plan.setSkips.length + plan.deleteLabels.length + plan.deleteSkips.length === 0
  );
}

/** Records per sync message, and the bytes one message's records may take (a quarter of the server's cap). */
export const CHUNK_RECORDS = 200;
export const CHUNK_BYTES = MAX_MESSAGE_BYTES / 4;
/** The pause between two sync messages (10 a second, well under the server's rate limit). */
export const CHUNK_INTERVAL_MS = 100;

const utf8 = new TextEncoder();

/**
 * The part of a plan one sync message carries: every delete, then records in stored order while they fit
 * in `maxRecords` and `maxBytes` (as JSON) and the document stays within `maxInDoc` records (the server
 * refuses an update past it, and holds back the ones built on it). What is left waits for the next
 * message. A record that alone exceeds `maxBytes` is never sent: it is returned in `tooLarge`.
 */
export function firstChunk(
  plan: SyncPlan,
  inDocCount: number,
  opts: { maxRecords?: number; maxBytes?: number; maxInDoc?: number } = {},
): { chunk: SyncPlan; rest: number; tooLarge: (Comparison | Skip)[] } {
  const maxRecords = opts.maxRecords ?? CHUNK_RECORDS;
  const maxBytes = opts.maxBytes ?? CHUNK_BYTES;
  const maxInDoc = opts.maxInDoc ?? MAX_RECORDS_PER_PARTICIPANT;
  const room = maxInDoc - (inDocCount - plan.deleteLabels.length - plan.deleteSkips.length);
  const chunk: SyncPlan = {
    setLabels: [],
    setSkips: [],
    deleteLabels: plan.deleteLabels,
    deleteSkips: plan.deleteSkips,
  };
  const tooLarge: (Comparison | Skip)[] = [];
  let bytes = 0;
  let taken = 0;
  let rest = 0;
  const take = <T extends Comparison | Skip>(records: readonly T[], into: T[]) => {
    for (const r of records) {
      const size = utf8.encode(JSON.stringify(r)).length;
      if (size > maxBytes) tooLarge.push(r);
      else if (taken < maxRecords && taken < room && bytes + size <= maxBytes) {
        into.push(r);
        bytes += size;
        taken++;
      } else rest++;
    }
  };
  take(plan.setLabels, chunk.setLabels);
  take(plan.setSkips, chunk.setSkips);
  return { chunk, rest, tooLarge };
}

/** The websocket's state as the header shows it. */
export type RoomConnection = 'connected' | 'connecting' | 'offline';

const waiting = (n: number) => `${n} ${n === 1 ? 'label' : 'labels'} waiting`;

/**
 * The header's room status: "Room: connected" once synced with nothing waiting; "Room: N labels waiting"
 * while connected but not yet synced; "Room: connecting — N labels waiting" and "Room: offline — N labels
 * waiting" without a connection. N counts labels and skips not yet in the document.
 */
export function roomStatusText(state: {
  connection: RoomConnection;
  synced: boolean;
  pending: number;
}): string {
  if (state.connection === 'offline') return `Room: offline — ${waiting(state.pending)}`;
  if (state.connection === 'connecting') return `Room: connecting — ${waiting(state.pending)}`;
  if (!state.synced || state.pending > 0) return `Room: ${waiting(state.pending)}`;
  return 'Room: connected';
}

/** The sync websocket's base URL on the page's own origin (`ws:` for `http:`, `wss:` for `https:`). */
export function syncServerUrl(pageUrl: { protocol: string; host: string }, path: string): string {
  return `${pageUrl.protocol === 'https:' ? 'wss' : 'ws'}://${pageUrl.host}${path}`;
}
