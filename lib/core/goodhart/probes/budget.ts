/**
 * How much text probes and the optimiser score for a model that reads the sentence encoder. Edited texts
 * are new texts, so each needs an embedding, and one encoder worker runs about 18 texts/s on the README's
 * machine (a pool of N workers up to N times that): the demo's full action table (every answer × every
 * edit set of up to 3 edits) is 8,960 texts, four to eight minutes on 2 workers. So an encoder model is probed on a seeded sample of responses and optimised over
 * edit sets of at most one edit on a seeded sample of prompts, unless the caller asks for the full work
 * (`--full`, the page's checkbox). The style+hashed features cost nothing to compute and are never bounded.
 * Pure TypeScript; the pages and the CLI say what was bounded from {@link encoderBoundsNote}.
 */
import { usesEncoder, type FeatureSet } from '../../reward-model/feature-sets';

/** The bounds of an encoder model's probes and optimiser (see the file header). */
export const ENCODER_BOUNDS = {
  /** Responses probed (a seeded sample). */
  probeResponses: 40,
  /** Largest edit set of an optimiser action. */
  maxEdits: 1,
  /** Prompts the optimiser plays on (a seeded sample). */
  maxPrompts: 12,
} as const;

/** Texts per second of one encoder worker on the README's machine (2-core Xeon VM, wasm, one thread). */
export const ENCODER_TEXTS_PER_SECOND = 18;

/** The probe options for a model of `set`: bounded for an encoder set unless `full`. */
export function probeBounds(set: FeatureSet, full: boolean): { maxResponses?: number } {
  return usesEncoder(set) && !full ? { maxResponses: ENCODER_BOUNDS.probeResponses } : {};
}

/** The action-table options for a model of `set`: bounded for an encoder set unless `full`. */
export function tableBounds(set: FeatureSet, full: boolean): { maxEdits?: number; maxPrompts?: number } {
  return usesEncoder(set) && !full
    ? { maxEdits: ENCODER_BOUNDS.maxEdits, maxPrompts: ENCODER_BOUNDS.maxPrompts }
    : {};
}

const readable = (s: number) => (s < 90 ? `${Math.max(1, Math.round(s))} s` : `${Math.round(s / 60)} min`);

/**
 * A rough duration of embedding `texts` texts on `workers` encoder workers, as people read it ("about
 * 20 s", "about 3 min", "about 4 min to 8 min"): from N× one worker's rate (the best a pool does) to one
 * worker's (a busy machine).
 */
export function embedDuration(texts: number, workers = 1): string {
  const slow = readable(texts / ENCODER_TEXTS_PER_SECOND);
  const fast = readable(texts / ENCODER_TEXTS_PER_SECOND / Math.max(1, workers));
  return fast === slow ? `about ${slow}` : `about ${fast} to ${slow}`;
}

/**
 * The sentence saying what was bounded and how many texts the encoder embeds (`toEmbed`, those not yet
 * known) on `workers` encoder workers, or null for a model that reads no encoder.
 */
export function encoderBoundsNote(
  set: FeatureSet,
  what: 'probe' | 'optimize',
  full: boolean,
  toEmbed: number,
  workers = 1,
): string | null {
  if (!usesEncoder(set)) return null;
  const scope = full
    ? 'the full set (no bound)'
    : what === 'probe'
      ? `a seeded sample of ${ENCODER_BOUNDS.probeResponses} responses`
      : `edit sets of at most ${ENCODER_BOUNDS.maxEdits} edit on a seeded sample of ${ENCODER_BOUNDS.maxPrompts} prompts`;
  return `This model reads the sentence encoder, so every edited text must be embedded (about ${ENCODER_TEXTS_PER_SECOND} texts/s per encoder worker here, ${workers} worker${workers === 1 ? '' : 's'}): ${what === 'probe' ? 'probing' : 'optimising over'} ${scope}: ${toEmbed} texts need embeddings (${embedDuration(toEmbed, workers)} at most; texts embedded before are read back).`;
}
