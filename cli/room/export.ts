/**
 * The room's records read from its documents, and the room as a file: a session bundle (lib's
 * exportSession) or TRL preference JSONL (lib/core/formats/export.ts). The server's export endpoint and
 * `goodhart room export` both call {@link roomExport}.
 */
import { exportTrlJsonl } from '../../lib/core/formats/export';
import { exportSession, type SessionBundle } from '../../lib/core/formats/session';
import {
  LABELS_MAP,
  SKIPS_MAP,
  participantDocName,
  roomLabelSchema,
  roomSkipSchema,
} from '../../lib/core/room/protocol';
import type { Comparison, Skip } from '../../lib/core/types';
import type { DocStore } from './docs';
import type { RoomState } from './state';

/** The export formats of a room. */
export const ROOM_EXPORT_FORMATS = ['session', 'trl'] as const;
export type RoomExportFormat = (typeof ROOM_EXPORT_FORMATS)[number];

/** Every participant's labels and skips, in join order then record order. */
export function roomRecords(room: RoomState, store: DocStore): { comparisons: Comparison[]; skips: Skip[] } {
  const comparisons: Comparison[] = [];
  const skips: Skip[] = [];
  for (const p of room.participants) {
    const doc = store.get(participantDocName(p.id));
    for (const v of doc.getMap(LABELS_MAP).values()) {
      const r = roomLabelSchema.safeParse(v);
      if (r.success) comparisons.push(r.data);
    }
    for (const v of doc.getMap(SKIPS_MAP).values()) {
      const r = roomSkipSchema.safeParse(v);
      if (r.success) skips.push(r.data);
    }
  }
  return { comparisons, skips };
}

/** The room as a file of `format`: its text, content type and a file name. */
export function roomExport(
  room: RoomState,
  store: DocStore,
  format: RoomExportFormat,
  now = Date.now(),
): { text: string; contentType: string; fileName: string } {
  const { comparisons, skips } = roomRecords(room, store);
  const annotators = room.annotators();
  if (format === 'trl')
    return {
      text: exportTrlJsonl({ dataset: room.dataset, comparisons, annotators }),
      contentType: 'application/x-ndjson; charset=utf-8',
      fileName: 'goodhart-room-trl.jsonl',
    };
  const bundle: SessionBundle = {
    format: 'goodhart-session',
    version: 1,
    exportedAt: now,
    datasets: [room.dataset],
    comparisons,
    skips,
    annotators,
    models: [],
    settings: {},
  };
  return {
    text: exportSession(bundle),
    contentType: 'application/json; charset=utf-8',
    fileName: 'goodhart-room-session.json',
  };
}
