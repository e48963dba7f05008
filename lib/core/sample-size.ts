/**
 * When a figure rests on too little data to mean much: the one home of the small-sample thresholds that
 * /train, /inspect and their tests use, and the plain words the pages show below them. Each threshold is
 * chosen so the 95% Wilson interval (./stats/wilson.ts) of a rate near one half is no wider than about
 * ±0.2 once it is met, or, for calibration, so that ten bins hold about ten predictions each.
 */
import { wilsonInterval } from './stats/wilson';

/** Labels a reward model should train on before its figures are more than a sketch. */
export const MIN_LABELS = 100;
/** Held-out pairs behind a held-out accuracy or log-loss (±0.18 at 30 pairs and an accuracy of 0.5). */
export const MIN_HELD_OUT_PAIRS = 30;
/**
 * Held-out pairs behind a calibration diagram: each pair enters twice (both orders), so 50 pairs give
 * 100 predictions over its 10 bins.
 */
export const MIN_CALIBRATION_PAIRS = 50;
/** Prompts behind a per-prompt rate on /inspect (how often the top-reward answer is wrong, best-of-n gold). */
export const MIN_PROMPTS = 10;

/** One reason a page's figures are unreliable, in words the page shows as they are. */
export interface SampleNote {
  kind: 'labels' | 'held-out-pairs' | 'calibration' | 'prompts';
  text: string;
}

const swing = (n: number) => {
  const ci = wilsonInterval(n / 2, n);
  return ci ? `${Math.round(100 * ci.lo)}%–${Math.round(100 * ci.hi)}%` : '0%–100%';
};

/** The note for `labels` labels below {@link MIN_LABELS}, or null. */
export function labelsNote(labels: number): SampleNote | null {
  if (labels >= MIN_LABELS) return null;
  return {
    kind: 'labels',
    text: `Only ${labels} label${labels === 1 ? '' : 's'} trained this model (fewer than ${MIN_LABELS}): with so few, a reward model mostly learns the accidents of these pairs, and every figure below can change a lot with a few more labels.`,
  };
}

/** The notes of a training run's figures (/train): too few labels, too few held-out pairs. */
export function trainSampleNotes(f: { labels: number; heldOutPairs: number }): SampleNote[] {
  const notes: SampleNote[] = [];
  const labels = labelsNote(f.labels);
  if (labels) notes.push(labels);
  if (f.heldOutPairs < MIN_HELD_OUT_PAIRS)
    notes.push({
      kind: 'held-out-pairs',
      text:
        f.heldOutPairs === 0
          ? 'No held-out pairs: nothing was kept back to test the model on, so there is no honest accuracy (raise the validation share).'
          : `Held-out accuracy and log-loss rest on ${f.heldOutPairs} pair${f.heldOutPairs === 1 ? '' : 's'} (fewer than ${MIN_HELD_OUT_PAIRS}): a model no better than a coin could score anywhere in ${swing(f.heldOutPairs)} on so few, so read them with the interval beside them.`,
    });
  return notes;
}

/** Why a calibration diagram of `pairs` held-out pairs is not drawn, or null when it may be. */
export function calibrationNote(pairs: number): SampleNote | null {
  if (pairs >= MIN_CALIBRATION_PAIRS) return null;
  return {
    kind: 'calibration',
    text: `Calibration needs at least ${MIN_CALIBRATION_PAIRS} held-out pairs; this run has ${pairs} (${2 * pairs} predictions over 10 bins, one or two per bin), so the diagram would be noise and is not drawn.`,
  };
}

/**
 * The notes of an inspection (/inspect): too few labels behind the model (when known), too few prompts
 * behind the per-prompt rates of the slice shown.
 */
export function inspectSampleNotes(f: {
  labels: number | null;
  prompts: number;
  slice: string;
}): SampleNote[] {
  const notes: SampleNote[] = [];
  const labels = f.labels === null ? null : labelsNote(f.labels);
  if (labels) notes.push(labels);
  if (f.prompts < MIN_PROMPTS)
    notes.push({
      kind: 'prompts',
      text: `The rates below rest on ${f.prompts} ${f.slice} prompt${f.prompts === 1 ? '' : 's'} (fewer than ${MIN_PROMPTS}): one prompt more or less moves them by ${f.prompts > 0 ? Math.round(100 / f.prompts) : 100} points.`,
    });
  return notes;
}

/** Whether any note says the sample is small. */
export const isSmallSample = (notes: readonly SampleNote[]): boolean => notes.length > 0;
