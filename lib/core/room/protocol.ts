/**
 * The workshop room's contract, shared by the room server (cli/room), the participant's page (/join,
 * /label in room mode) and the facilitator's dashboard (/room): the HTTP API's requests and answers, the
 * name of each Yjs document and what it may hold, and the limits every message is checked against.
 *
 * Sync is Yjs's own protocol (y-protocols sync + awareness over a websocket on the app's origin, path
 * `/sync/<docName>?token=…`, as y-websocket's WebsocketProvider speaks it). Each participant has one
 * document, `participant:<participantId>`, and only that participant's token may write it; the
 * facilitator's token may read every document and writes none. A participant document holds two Y.Maps,
 * `labels` and `skips`, keyed by record id, each value a plain record that {@link roomLabelSchema} /
 * {@link roomSkipSchema} accept, with `annotatorId` equal to the participant's id and `datasetId` the
 * room's dataset: a label can only ever arrive once (its id is its key), however often a page reconnects.
 */
import { z } from 'zod';
import { comparisonSchema, skipSchema } from '../formats/schemas';

/** Where the app's sync websocket lives, on the app's own origin and port. */
export const SYNC_PATH = '/sync';

/** The largest websocket message the server accepts (a label is a few hundred bytes). */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** Messages per second one connection may send before further ones are dropped (and logged). */
export const MAX_MESSAGES_PER_SECOND = 50;

/** Records one participant document may hold (labels plus skips); past it, updates are refused. */
export const MAX_RECORDS_PER_PARTICIPANT = 20_000;

/** The longest participant name, after trimming. */
export const MAX_NAME_CHARS = 60;

/** The join code: six characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** Calibration pairs a new room chooses unless `goodhart room --calibration K` says otherwise (0: none). */
export const DEFAULT_CALIBRATION_PAIRS = 10;
/** The most calibration pairs a room may have (everyone labels them before anything else). */
export const MAX_CALIBRATION_PAIRS = 100;

/**
 * One pair of the room's calibration set, which every participant labels first (in their own order, with
 * their own sides), so the room's agreement rests on shared pairs. `aId` < `bId`.
 */
export const calibrationPairSchema = z.object({
  promptId: z.string().min(1),
  aId: z.string().min(1),
  bId: z.string().min(1),
});
export type CalibrationPairWire = z.infer<typeof calibrationPairSchema>;

/** The Yjs document of one participant. */
export function participantDocName(participantId: string): string {
  return `participant:${participantId}`;
}

/** The participant id a document name belongs to, or null for any other name. */
export function participantOfDoc(docName: string): string | null {
  const m = /^participant:([A-Za-z0-9_-]{1,64})$/.exec(docName);
  return m ? m[1] : null;
}

/** The Y.Map names inside a participant document. */
export const LABELS_MAP = 'labels';
export const SKIPS_MAP = 'skips';

/** A participant's name: trimmed, 1–60 characters, no control characters. */
export const roomNameSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'type your name')
      .max(MAX_NAME_CHARS, `at most ${MAX_NAME_CHARS} characters`)
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'no control characters'),
  );

/** `POST /api/room/join`. */
export const joinRequestSchema = z.object({
  code: z.string().trim().toUpperCase().length(JOIN_CODE_LENGTH),
  name: roomNameSchema,
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** 200 answer to a join: who you are in the room, and the token that lets you write your document. */
export const joinResponseSchema = z.object({
  participantId: z.string(),
  name: z.string(),
  token: z.string(),
  datasetId: z.string(),
  /** The room's calibration set (absent from rooms that predate it, or empty when turned off). */
  calibration: z.array(calibrationPairSchema).max(MAX_CALIBRATION_PAIRS).optional(),
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;

/** 409 answer: the name is taken in this room; `suggestion` is free (e.g. "Sam (2)"). */
export const nameTakenSchema = z.object({
  error: z.literal('name-taken'),
  message: z.string(),
  suggestion: z.string(),
});
export type NameTaken = z.infer<typeof nameTakenSchema>;

/**
 * `GET /api/room/dataset` (no token: the dataset is what everyone in the room labels) answers the room's
 * dataset as a `goodhart-dataset` file (lib/core/formats/schemas.ts datasetFileSchema).
 * `GET /api/room/export?format=session|trl` (facilitator token) answers the room as a session bundle
 * (default) or TRL preference JSONL. Refusals are JSON `{"error", "message"}`: 400 bad body or
 * parameter, 401 no or wrong token, 403 wrong join code, 409 {@link nameTakenSchema}.
 */

/** `GET /api/room/summary` (facilitator token): who is in the room and how many labels each has. */
export const roomSummarySchema = z.object({
  participants: z.array(
    z.object({
      name: z.string(),
      labels: z.number().int().nonnegative(),
      present: z.boolean().optional(),
      /** How many of the room's calibration pairs this participant has labeled (of `calibration`). */
      calibrated: z.number().int().nonnegative().optional(),
    }),
  ),
  labels: z.number().int().nonnegative(),
  /** The size K of the room's calibration set (absent: the server predates it). */
  calibration: z.number().int().nonnegative().optional(),
});
export type RoomSummary = z.infer<typeof roomSummarySchema>;

/**
 * `GET /api/room/links` (facilitator token): the join link for each address the room is served at (each
 * LAN address, then localhost) and the join code, for the dashboard's QR codes.
 */
export const roomLinksSchema = z.object({
  join: z.array(z.string().url()),
  code: z.string(),
});
export type RoomLinks = z.infer<typeof roomLinksSchema>;

/** A label as it travels in a participant document: the lab's comparison record. */
export const roomLabelSchema = comparisonSchema;
/** A skip as it travels in a participant document. */
export const roomSkipSchema = skipSchema;

/** The join link a participant opens (the code rides in the URL so nobody types it). */
export function joinUrl(origin: string, code: string): string {
  return `${origin}/join?code=${encodeURIComponent(code)}`;
}

/** The facilitator's link: the dashboard with the secret token in the fragment (never sent to a server log). */
export function facilitatorUrl(origin: string, token: string): string {
  return `${origin}/room#token=${encodeURIComponent(token)}`;
}

/** The next free form of a taken name: "Sam" → "Sam (2)", "Sam (2)" → "Sam (3)". */
export function suggestFreeName(name: string, taken: (candidate: string) => boolean): string {
  const base = name.replace(/ \(\d+\)$/, '');
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!taken(candidate)) return candidate;
  }
}

/** Names compare without case and surrounding space: "sam" and "Sam " are the same person's name. */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase('en');
}
