/**
 * The facilitator's dashboard (/room) as pure decisions: where the facilitator token comes from (the
 * link's `#token=…` fragment, else what this tab kept), how the server's answers are read (the summary and
 * the session export, each checked against its schema with a message naming the field), and the room's
 * figures from its labels: α with the shared pairs it rests on, position bias per person, and who preferred
 * the wrong answer most; and what "Train the room's model" trains on. The page only fetches and renders.
 */
import { zodProblems } from '../formats/schemas';
import { sessionBundleSchema, type SessionBundle } from '../formats/session';
import { raterAccuracyAgainstGold, roomAlpha, type RoomAlpha } from '../labeling/agreement';
import { positionBias } from '../labeling/audit';
import { simulateOnPairs, type SimulatedLabels } from '../labeling/raters';
import type { Comparison, DatasetFile } from '../types';
import { roomSummarySchema, type RoomSummary } from './protocol';

/** The sessionStorage key the dashboard keeps the facilitator token under (this tab only, for reloads). */
export const FACILITATOR_TOKEN_KEY = 'goodhart-room-facilitator-token';

/**
 * How often the dashboard asks the server for the summary: twice a second keeps a label's way to the
 * projector's count under a second (`npm run bench:room` polls at this rate), at a few percent of one
 * core on the server for a room of 40.
 */
export const SUMMARY_POLL_MS = 500;

/** The facilitator export endpoint (facilitator token), as the room server serves it. */
export function roomExportPath(format: 'session' | 'trl'): string {
  return `/api/room/export?format=${format}`;
}

/** A position bias is flagged when its two-sided binomial p-value is below this. */
export const BIAS_P_VALUE = 0.05;

/**
 * The facilitator token: from the URL fragment (`#token=…`, as facilitatorUrl writes it) when there is one,
 * else the one this tab stored. `fromFragment` tells the page to store it and strip it from the address bar.
 */
export function facilitatorToken(
  hash: string,
  stored: string | null,
): { token: string | null; fromFragment: boolean } {
  const fragment = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  if (fragment) return { token: fragment, fromFragment: true };
  const kept = stored?.trim();
  return { token: kept ? kept : null, fromFragment: false };
}

/** A server answer read against its schema: the value, or a message naming the first bad field. */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

function problemText(what: string, error: Parameters<typeof zodProblems>[0]): string {
  const [first] = zodProblems(error);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${what}: ${first.field ? `${first.field}: ` : ''}${first.message}${more}`;
}

/** `GET /api/room/summary`'s body, checked. */
export function readSummary(body: unknown): Read<RoomSummary> {
  const r = roomSummarySchema.safeParse(body);
  return r.success
    ? { ok: true, value: r.data }
    : { ok: false, message: problemText('the room summary is not in the expected shape', r.error) };
}

/** `GET /api/room/export?format=session`'s body (a session bundle), checked. */
export function readRoomExport(body: unknown): Read<SessionBundle> {
  const r = sessionBundleSchema.safeParse(body);
  return r.success
    ? { ok: true, value: r.data as SessionBundle }
    : { ok: false, message: problemText('the room export is not a session bundle', r.error) };
}

/** One person's position bias, named. */
export interface BiasRow {
  annotatorId: string;
  name: string;
  /** Decided judgments (left or right better). */
  n: number;
  leftShare: number | null;
  pValue: number;
  /** pValue < {@link BIAS_P_VALUE}. */
  flagged: boolean;
}

/** One person's record against gold, named. */
export interface WrongRow {
  annotatorId: string;
  name: string;
  /** Their labels on pairs with exactly one correct response. */
  n: number;
  preferredWrong: number;
  /** preferredWrong / n. */
  wrongRate: number;
}

/** The room's figures from its labels. */
export interface RoomFigures {
  /** The room's dataset (the first dataset of the export), or null when the export holds none. */
  datasetId: string | null;
  /** The room's labels (on its dataset). */
  labels: number;
  alpha: RoomAlpha;
  /** Everyone with a decided judgment, by name. */
  bias: BiasRow[];
  /** Everyone with a label on a pair with one right answer, most often wrong first (then more labels first). */
  wrong: WrongRow[];
}

/** The room's dataset (the export's first) and the room's labels on it. */
function roomLabels(bundle: SessionBundle): { dataset: DatasetFile | null; comparisons: Comparison[] } {
  const dataset = bundle.datasets[0] ?? null;
  const id = dataset?.dataset.id;
  return { dataset, comparisons: bundle.comparisons.filter((c) => c.datasetId === id) };
}

/** The room's figures from a session export of the room. */
export function roomFigures(bundle: SessionBundle): RoomFigures {
  const { dataset, comparisons } = roomLabels(bundle);
  const datasetId = dataset?.dataset.id ?? null;
  const names = new Map(bundle.annotators.map((a) => [a.id, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const gold = new Map<string, boolean | undefined>();
  for (const r of dataset?.responses ?? []) gold.set(r.id, r.correct);
  const bias = positionBias(comparisons).map((b) => ({
    annotatorId: b.annotatorId,
    name: nameOf(b.annotatorId),
    n: b.n,
    leftShare: b.leftShare,
    pValue: b.pValue,
    flagged: b.pValue < BIAS_P_VALUE,
  }));
  const wrong = raterAccuracyAgainstGold(comparisons, gold)
    .map((r) => ({
      annotatorId: r.annotatorId,
      name: nameOf(r.annotatorId),
      n: r.n,
      preferredWrong: r.preferredWrong,
      wrongRate: r.wrongRate ?? 0,
    }))
    .sort((x, y) => y.wrongRate - x.wrongRate || y.n - x.n || (x.name < y.name ? -1 : 1));
  return { datasetId, labels: comparisons.length, alpha: roomAlpha(comparisons), bias, wrong };
}

/** What "Train the room's model" trains: the room's labels, and the careful fact-checker's on the same pairs. */
export interface RoomTraining {
  dataset: DatasetFile;
  room: Comparison[];
  /** The careful fact-checker (lib/core/labeling/raters.ts) judging each room label's pair, same sides. */
  careful: SimulatedLabels;
}

/** The two training sets of the room's comparison, or null when the export holds no dataset. */
export function roomTraining(bundle: SessionBundle, seed = 1): RoomTraining | null {
  const { dataset, comparisons } = roomLabels(bundle);
  if (!dataset) return null;
  return { dataset, room: comparisons, careful: simulateOnPairs(dataset, 'careful', comparisons, seed) };
}
