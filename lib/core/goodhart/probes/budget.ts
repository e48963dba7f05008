/**
 * How much text probes and the optimiser score for a model that reads the sentence encoder. Edited texts
 * are new texts, so each needs an embedding, and the encoder runs about 18 texts/s on the README's
 * machine: the demo's full action table (every answer × every edit set of up to 3 edits) is 8,960 texts,
 * over eight minutes. So an encoder model is probed on a seeded sample of responses and optimised over
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

/** Texts per second of the encoder on the README's machine (2-core Xeon VM, wasm, one thread). */
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

/** A rough duration of embedding `texts` texts, as people read it ("about 20 s", "about 3 min"). */
export function embedDuration(texts: number): string {
  const s = texts / ENCODER_TEXTS_PER_SECOND;
  return s < 90 ? `about ${Math.max(1, Math.round(s))} s` : `about ${Math.round(s / 60)} min`;
}

/**
 * The sentence saying what was bounded and how many texts the encoder embeds (`toEmbed`, those not yet
 * known), or null for a model that reads no encoder.
 */
export function encoderBoundsNote(
  set: FeatureSet,
  what: 'probe' | 'optimize',
  full: boolean,
  toEmbed: number,
): string | null {
  if (!usesEncoder(set)) return null;
  const scope = full
    ? 'the full set (no bound)'
    : what === 'probe'
      ? `a seeded sample of ${ENCODER_BOUNDS.probeResponses} responses`
      : `edit sets of at most ${ENCODER_BOUNDS.maxEdits} edit on a seeded sample of ${ENCODER_BOUNDS.maxPrompts} prompts`;
  return `This model reads the sentence encoder, so every edited text must be embedded (about ${ENCODER_TEXTS_PER_SECOND} texts/s here): ${what === 'probe' ? 'probing' : 'optimising over'} ${scope}: ${toEmbed} texts need embeddings (${embedDuration(toEmbed)} at most; texts embedded before are read back).`;
}
