/**
 * The participant's side of joining a room, as pure decisions the /join page runs: what the server's
 * answer to `POST /api/room/join` means (joined, name taken with a free suggestion, refused), whether the
 * room's dataset answer (`GET /api/room/dataset`, the lab's dataset file) is usable, and the room identity
 * a browser remembers (who this participant is in which room). Shapes come from ./protocol.ts.
 */
import { z } from 'zod';
import { datasetFileSchema, zodProblems } from '../formats/schemas';
import type { DatasetFile } from '../types';
import type { CalibrationPair } from '../labeling/calibration';
import { joinResponseSchema, nameTakenSchema } from './protocol';

/** Who this browser is in the room: the join answer plus the origin it was issued by. */
export const roomIdentitySchema = joinResponseSchema.extend({ origin: z.string().min(1) });
export type RoomIdentity = z.infer<typeof roomIdentitySchema>;

/**
 * The calibration pairs a labeling session of `annotatorId` on `datasetId` shows first: the remembered
 * room identity's set when the session is this participant's on the room's dataset, else none.
 */
export function roomCalibrationFor(
  identity: RoomIdentity | null,
  annotatorId: string,
  datasetId: string,
): CalibrationPair[] {
  if (!identity || identity.participantId !== annotatorId || identity.datasetId !== datasetId) return [];
  return identity.calibration ?? [];
}

/** A remembered identity (JSON text from storage), or null when there is none or it is not one. */
export function parseRoomIdentity(text: string | null): RoomIdentity | null {
  if (!text) return null;
  try {
    const r = roomIdentitySchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** What the server said to a join. */
export type JoinAnswer =
  | { kind: 'joined'; identity: RoomIdentity }
  | { kind: 'taken'; message: string; suggestion: string }
  | { kind: 'refused'; message: string };

/** The `message` of an error body, if it has one. */
function messageOf(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const m = (body as { message: unknown }).message;
    if (typeof m === 'string' && m.trim()) return m;
  }
  return undefined;
}

/**
 * Reads the answer to `POST /api/room/join` (`status`, JSON `body` or undefined when it was not JSON).
 * 200 → joined (the body must be a join response); 409 → the name is taken, with the server's message and
 * its suggestion; anything else → refused with the server's message, or one that names the status.
 */
export function readJoinAnswer(status: number, body: unknown, origin: string): JoinAnswer {
  if (status === 200) {
    const r = joinResponseSchema.safeParse(body);
    if (r.success) return { kind: 'joined', identity: { ...r.data, origin } };
    const p = zodProblems(r.error)[0];
    return {
      kind: 'refused',
      message: `The room answered the join in a shape this page does not read (${p.field ? `${p.field}: ` : ''}${p.message}); nothing was saved.`,
    };
  }
  if (status === 409) {
    const r = nameTakenSchema.safeParse(body);
    if (r.success) return { kind: 'taken', message: r.data.message, suggestion: r.data.suggestion };
  }
  return {
    kind: 'refused',
    message: messageOf(body) ?? `The room refused the join (HTTP ${status}); nothing was saved.`,
  };
}

/**
 * Checks the room's dataset answer: a lab dataset file whose id is the room's dataset. Returns the file,
 * or a message naming the first problem (field path) so the page can say why nothing was installed.
 */
export function readRoomDataset(
  body: unknown,
  datasetId: string,
): { ok: true; file: DatasetFile } | { ok: false; message: string } {
  const r = datasetFileSchema.safeParse(body);
  if (!r.success) {
    const p = zodProblems(r.error)[0];
    return {
      ok: false,
      message: `The room's dataset is not a dataset file this page reads (${p.field ? `${p.field}: ` : ''}${p.message}); nothing was installed.`,
    };
  }
  if (r.data.dataset.id !== datasetId)
    return {
      ok: false,
      message: `The room sent the dataset "${r.data.dataset.id}" but its dataset is "${datasetId}"; nothing was installed.`,
    };
  return { ok: true, file: r.data };
}
