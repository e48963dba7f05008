/**
 * Runs a playground sweep: for each value of one knob (lib/core/playground/sweep.ts), simulate the rater's labels
 * (seeded), train a reward model (TF.js) and inspect it against gold, recording held-out
 * wrongPreferredRate, accuracy, the best-of-n gold peak and the hacking gap; when the experiment asks,
 * also push the optimiser against the model (./sweep-optimizer.ts) and record its outcome. A sweep of an
 * optimiser knob trains and scores once and reruns only the optimiser. Every point uses the same
 * simulation and training seeds, so only the knob differs between points and the same experiment gives
 * the same numbers. Cancellable through an AbortSignal (checked between batches and epochs).
 */
import { inspect } from '../core/goodhart/report';
import { simulateLabels } from '../core/labeling/raters';
import {
  applyKnob,
  baseSettings,
  goldPeakOf,
  isOptimizerKnob,
  sweepRunsOptimizer,
  sweepValues,
} from '../core/playground/sweep';
import type { PlaygroundExperiment, SweepPoint } from '../core/playground/sweep';
import {
  comparisonsToTrainingSet,
  featurizeResponses,
  type ResponseEmbeddings,
} from '../core/reward-model/training-data';
import type { DatasetFile } from '../core/types';
import { train } from './train';
import { optimizerOutcome, optimizerWorld, type OptimizerWorld } from './sweep-optimizer';

/** Progress of a sweep: point `point` (0-based) of `points`, epoch `epoch` of `epochs` of its training. */
export interface SweepProgress {
  point: number;
  points: number;
  epoch: number;
  epochs: number;
  /** Set once the point's training is done and its optimiser runs. */
  stage?: 'optimizing';
}

/** A trained point, kept so an optimiser-knob sweep can reuse it: its figures and its optimiser's world. */
interface TrainedPoint {
  point: SweepPoint;
  world: OptimizerWorld | null;
}

/** Callbacks and cancellation of {@link runSweep}. */
export interface SweepOptions {
  onProgress?: (p: SweepProgress) => void;
  /** Called with each finished point, in order. */
  onPoint?: (p: SweepPoint, index: number) => void;
  signal?: AbortSignal;
  /** Largest n of the best-of-n curve (default 16). */
  maxN?: number;
  /** Embeddings of the dataset's responses: required when a point's feature set reads the sentence encoder. */
  embeddings?: ResponseEmbeddings;
}

/** Options of {@link runSweepPoint}. */
interface PointOptions {
  onEpoch?: (epoch: number, epochs: number) => void;
  onOptimize?: () => void;
  signal?: AbortSignal;
  maxN?: number;
  embeddings?: ResponseEmbeddings;
  /** A previous point with the same reward model (an optimiser-knob sweep): its training is reused. */
  reuse?: TrainedPoint;
}

/** Simulate → train → inspect with the knob at `value`; the optimiser's world when the sweep runs it. */
async function trainPoint(
  dataset: DatasetFile,
  exp: PlaygroundExperiment & { study: { kind: 'sweep' } },
  value: number,
  opts: PointOptions,
): Promise<TrainedPoint> {
  const s = applyKnob(baseSettings(exp), exp.study.knob, value);
  const labels = simulateLabels(dataset, s.rater, s.labels, exp.seed);
  // Featurized once: the training rows and the report read the same matrix.
  const features = featurizeResponses(dataset.responses, dataset.prompts, s.train.features, opts.embeddings);
  const set = comparisonsToTrainingSet(
    labels.comparisons,
    dataset.responses,
    dataset.prompts,
    s.train,
    features,
  );
  // Adam reports each epoch of `epochs`; the exact solver's iteration count is not known ahead, so its
  // point reports once, when it is done.
  const { model } = await train(
    set,
    s.train,
    (p) => p.gradNorm === undefined && opts.onEpoch?.(p.epoch, s.train.epochs),
    { signal: opts.signal },
  );
  if (model.fit?.solver === 'lbfgs') opts.onEpoch?.(s.train.epochs, s.train.epochs);
  const report = inspect(model, dataset, { features, maxN: opts.maxN, galleryCount: 0, topFeatures: 0 });
  const peak = goldPeakOf(report.heldOut.bestOfN);
  const point: SweepPoint = {
    value,
    labels: s.labels,
    wrongPreferredRate: report.heldOut.wrongPreferredRate,
    heldOutAccuracy: model.metrics.val.accuracy,
    goldPeak: peak.gold,
    goldPeakN: peak.n,
    hackingGap: report.heldOut.hackingGap,
  };
  const world = sweepRunsOptimizer(exp)
    ? await optimizerWorld(dataset, model, labels.comparisons, exp.seed, opts.signal)
    : null;
  return { point, world };
}

/** One sweep point: simulate → train → inspect (→ optimise) with the knob at `value`. */
export async function runSweepPoint(
  dataset: DatasetFile,
  exp: PlaygroundExperiment,
  value: number,
  opts: PointOptions = {},
): Promise<SweepPoint> {
  return (await sweepPoint(dataset, exp, value, opts)).point;
}

async function sweepPoint(
  dataset: DatasetFile,
  exp: PlaygroundExperiment,
  value: number,
  opts: PointOptions,
): Promise<TrainedPoint> {
  if (exp.study.kind !== 'sweep') throw new Error('not a sweep experiment');
  const sweep = exp as PlaygroundExperiment & { study: { kind: 'sweep' } };
  const trained = opts.reuse ?? (await trainPoint(dataset, sweep, value, opts));
  const point: SweepPoint = { ...trained.point, value };
  if (trained.world) {
    opts.onOptimize?.();
    const s = applyKnob(baseSettings(exp), sweep.study.knob, value);
    point.optimizer = await optimizerOutcome(trained.world, dataset, s.optimizer, exp.seed, opts.signal);
  }
  return { point, world: trained.world };
}

/** Runs every point of a sweep experiment in order; rejects with an AbortError when cancelled. */
export async function runSweep(
  dataset: DatasetFile,
  exp: PlaygroundExperiment,
  opts: SweepOptions = {},
): Promise<SweepPoint[]> {
  if (exp.study.kind !== 'sweep') throw new Error('not a sweep experiment');
  const values = sweepValues(exp.study);
  // An optimiser knob changes nothing before the optimiser: train and score once, rerun only it.
  const shared = isOptimizerKnob(exp.study.knob);
  let reuse: TrainedPoint | undefined;
  const out: SweepPoint[] = [];
  for (let i = 0; i < values.length; i++) {
    if (opts.signal?.aborted) {
      const e = new Error('Sweep cancelled');
      e.name = 'AbortError';
      throw e;
    }
    opts.onProgress?.({ point: i, points: values.length, epoch: 0, epochs: exp.train.epochs });
    const epochs = exp.train.epochs;
    const done = await sweepPoint(dataset, exp, values[i], {
      signal: opts.signal,
      maxN: opts.maxN,
      embeddings: opts.embeddings,
      reuse,
      onEpoch: (epoch, epochs) => opts.onProgress?.({ point: i, points: values.length, epoch, epochs }),
      onOptimize: () =>
        opts.onProgress?.({ point: i, points: values.length, epoch: epochs, epochs, stage: 'optimizing' }),
    });
    if (shared) reuse = done;
    const point = done.point;
    out.push(point);
    opts.onPoint?.(point, i);
  }
  return out;
}
