/**
 * The room's own state in `DIR/room.json` (join code, facilitator token, dataset id, calibration set,
 * participants), and
 * its dataset in `DIR/dataset.json`, both written atomically (temp file + rename). Joining lives here:
 * names are unique by `nameKey`, a taken name is refused with a free suggestion, and each participant
 * gets an id and a secret token (32 random bytes, base64url).
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { datasetFileSchema } from '../../lib/core/formats/schemas';
import { exportDataset } from '../../lib/core/formats/session';
import { chooseCalibration, type CalibrationPair } from '../../lib/core/labeling/calibration';
import { poolOf } from '../../lib/core/labeling/next-pair';
import {
  DEFAULT_CALIBRATION_PAIRS,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  MAX_CALIBRATION_PAIRS,
  calibrationPairSchema,
  nameKey,
  suggestFreeName,
  type JoinResponse,
  type NameTaken,
} from '../../lib/core/room/protocol';
import type { Annotator, DatasetFile } from '../../lib/core/types';
import { CliError } from '../io';
import { writeFileAtomic } from './docs';

const participantSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().min(1),
  token: z.string().min(1),
  joined: z.number().int().nonnegative(),
});
export type Participant = z.infer<typeof participantSchema>;

const roomFileSchema = z.object({
  format: z.literal('goodhart-room'),
  version: z.literal(1),
  code: z.string().length(JOIN_CODE_LENGTH),
  facilitatorToken: z.string().min(1),
  datasetId: z.string().min(1),
  /** The pairs everyone labels first; absent in rooms created before calibration sets (none then). */
  calibration: z.array(calibrationPairSchema).max(MAX_CALIBRATION_PAIRS).optional(),
  participants: z.array(participantSchema),
});
export type RoomFile = z.infer<typeof roomFileSchema>;

/** A new secret token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The outcome of a join: a new participant, or the HTTP status and body of a refusal. */
export type JoinOutcome =
  | { status: 200; body: JoinResponse }
  | { status: 403; body: { error: 'bad-code'; message: string } }
  | { status: 409; body: NameTaken };

/** The room on disk: `room.json` and `dataset.json` under `dir`. */
export class RoomState {
  private constructor(
    readonly dir: string,
    private file: RoomFile,
    readonly dataset: DatasetFile,
  ) {}

  /** Paths of the room's files. */
  static paths(dir: string) {
    return { room: join(dir, 'room.json'), dataset: join(dir, 'dataset.json'), docs: join(dir, 'docs') };
  }

  /**
   * Opens the room in `dir`, or creates it with `dataset` (required then) and a calibration set of
   * `calibration` pairs (seeded by the new join code). An existing room keeps its code, token,
   * participants, dataset and calibration set; a `dataset` other than the room's is refused. A
   * calibration size the dataset cannot fill is refused before anything is written.
   */
  static open(
    dir: string,
    dataset: DatasetFile | null,
    readOnly = false,
    calibration = DEFAULT_CALIBRATION_PAIRS,
  ): RoomState {
    const paths = RoomState.paths(dir);
    if (!existsSync(paths.room)) {
      if (readOnly || !dataset)
        throw new CliError([`${paths.room}: no room here (start one with goodhart room)`]);
      if (!Number.isInteger(calibration) || calibration < 0 || calibration > MAX_CALIBRATION_PAIRS)
        throw new CliError([
          `--calibration must be an integer from 0 to ${MAX_CALIBRATION_PAIRS}, got "${calibration}"`,
        ]);
      const code = newCode();
      let pairs: CalibrationPair[];
      try {
        pairs = chooseCalibration(poolOf(dataset.prompts, dataset.responses), calibration, code);
      } catch (e) {
        throw new CliError([
          `--calibration ${calibration}: ${(e as Error).message} (dataset "${dataset.dataset.id}"); pass a smaller --calibration or 0`,
        ]);
      }
      mkdirSync(paths.docs, { recursive: true });
      writeFileAtomic(paths.dataset, exportDataset(dataset));
      const file: RoomFile = {
        format: 'goodhart-room',
        version: 1,
        code,
        facilitatorToken: newToken(),
        datasetId: dataset.dataset.id,
        calibration: pairs,
        participants: [],
      };
      writeFileAtomic(paths.room, JSON.stringify(file, null, 1) + '\n');
      return new RoomState(dir, file, dataset);
    }
    const file = readJson(paths.room, roomFileSchema);
    const stored: DatasetFile = readJson(paths.dataset, datasetFileSchema);
    if (stored.dataset.id !== file.datasetId)
      throw new CliError([`${paths.dataset}:1: dataset id is not the room's "${file.datasetId}"`]);
    if (dataset && dataset.dataset.id !== file.datasetId)
      throw new CliError([
        `${paths.room}:1: this room labels dataset "${file.datasetId}", not "${dataset.dataset.id}"; use another --data folder for another dataset`,
      ]);
    return new RoomState(dir, file, stored);
  }

  get code(): string {
    return this.file.code;
  }
  get facilitatorToken(): string {
    return this.file.facilitatorToken;
  }
  get datasetId(): string {
    return this.file.datasetId;
  }
  get participants(): readonly Participant[] {
    return this.file.participants;
  }
  /** The room's calibration set (empty when off, or in a room created before calibration sets). */
  get calibration(): readonly CalibrationPair[] {
    return this.file.calibration ?? [];
  }

  /** The participant holding `token`, if any. */
  participantByToken(token: string): Participant | undefined {
    return this.file.participants.find((p) => sameSecret(p.token, token));
  }

  /** The participant of id `id`, if any. */
  participant(id: string): Participant | undefined {
    return this.file.participants.find((p) => p.id === id);
  }

  /** The room's people as the lab's annotators (for exports). */
  annotators(): Annotator[] {
    return this.file.participants.map((p) => ({ id: p.id, name: p.name, kind: 'human', created: p.joined }));
  }

  /** Joins `name` with `code` (both already validated by joinRequestSchema); room.json is written first. */
  join(code: string, name: string, now = Date.now()): JoinOutcome {
    if (!sameSecret(code, this.file.code))
      return { status: 403, body: { error: 'bad-code', message: 'wrong join code for this room' } };
    const taken = (candidate: string) =>
      this.file.participants.some((p) => nameKey(p.name) === nameKey(candidate));
    if (taken(name)) {
      const suggestion = suggestFreeName(name, taken);
      return {
        status: 409,
        body: {
          error: 'name-taken',
          message: `"${name}" is already taken in this room; try "${suggestion}"`,
          suggestion,
        },
      };
    }
    const participant: Participant = {
      id: randomBytes(9).toString('base64url'),
      name,
      token: newToken(),
      joined: now,
    };
    const next: RoomFile = { ...this.file, participants: [...this.file.participants, participant] };
    writeFileAtomic(RoomState.paths(this.dir).room, JSON.stringify(next, null, 1) + '\n');
    this.file = next;
    return {
      status: 200,
      body: {
        participantId: participant.id,
        name,
        token: participant.token,
        datasetId: this.datasetId,
        calibration: [...this.calibration],
      },
    };
  }
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError([`${file}:1: cannot read the room (${(e as Error).message.split('\n')[0]})`]);
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CliError([`${file}:1: [${issue.path.join('.')}] ${issue.message}`]);
  }
  return r.data;
}
