// The small-sample thresholds (lib/core/sample-size.ts) and the worse-than-a-coin warning
// (lib/core/reward-model/run-checks.ts): each note appears exactly below its threshold and not at it.
import { describe, expect, it } from 'vitest';
import {
  MIN_CALIBRATION_PAIRS,
  MIN_HELD_OUT_PAIRS,
  MIN_LABELS,
  MIN_PROMPTS,
  calibrationNote,
  inspectSampleNotes,
  trainSampleNotes,
} from '../../lib/core/sample-size';
import { COIN_LOG_LOSS, coinWarning } from '../../lib/core/reward-model/run-checks';

const kinds = (notes: { kind: string }[]) => notes.map((n) => n.kind);

describe('small-sample thresholds', () => {
  it('are the documented numbers', () => {
    expect([MIN_LABELS, MIN_HELD_OUT_PAIRS, MIN_CALIBRATION_PAIRS, MIN_PROMPTS]).toEqual([100, 30, 50, 10]);
  });

  it('/train: a 20-label run with 4 held-out pairs gets both notes; 100 labels and 30 pairs get none', () => {
    const small = trainSampleNotes({ labels: 20, heldOutPairs: 4 });
    expect(kinds(small)).toEqual(['labels', 'held-out-pairs']);
    expect(small[0].text).toContain('Only 20 labels');
    // A coin on 4 pairs: Wilson(2, 4) = 0.15–0.85, worked by hand.
    expect(small[1].text).toContain('4 pairs');
    expect(small[1].text).toContain('15%–85%');
    expect(trainSampleNotes({ labels: 99, heldOutPairs: 29 })).toHaveLength(2);
    expect(trainSampleNotes({ labels: 100, heldOutPairs: 30 })).toEqual([]);
    expect(trainSampleNotes({ labels: 500, heldOutPairs: 0 })[0].text).toContain('No held-out pairs');
  });

  it('calibration is not drawn below 50 held-out pairs and says why', () => {
    expect(calibrationNote(4)?.text).toContain('8 predictions');
    expect(calibrationNote(49)).not.toBeNull();
    expect(calibrationNote(50)).toBeNull();
  });

  it('/inspect: labels when known, prompts of the slice shown', () => {
    expect(kinds(inspectSampleNotes({ labels: 22, prompts: 4, slice: 'held-out' }))).toEqual([
      'labels',
      'prompts',
    ]);
    expect(inspectSampleNotes({ labels: 22, prompts: 4, slice: 'held-out' })[1].text).toContain(
      '4 held-out prompts',
    );
    expect(inspectSampleNotes({ labels: null, prompts: 9, slice: 'all' })).toHaveLength(1);
    expect(inspectSampleNotes({ labels: 500, prompts: 10, slice: 'held-out' })).toEqual([]);
  });
});

describe('coinWarning', () => {
  const config = { l2: 0.001, epochs: 30, learningRate: 0.01, patience: 0 };
  it('is silent at or below ln 2 and without held-out pairs', () => {
    expect(COIN_LOG_LOSS).toBeCloseTo(0.693147, 6);
    const m = (logLoss: number | null, n = 40) => ({
      labels: 500,
      heldOut: { n, logLoss },
      train: { n: 400, logLoss: 0.5 },
    });
    expect(coinWarning(m(0.69), config)).toBeNull();
    expect(coinWarning(m(Math.LN2), config)).toBeNull();
    expect(coinWarning(m(null), config)).toBeNull();
    expect(coinWarning(m(0.9, 0), config)).toBeNull();
    expect(coinWarning(m(0.7), config)?.text).toContain('0.700 is worse than a coin (0.693)');
  });

  it('suggests what the figures point to', () => {
    const few = coinWarning(
      { labels: 20, heldOut: { n: 4, logLoss: 1.2 }, train: { n: 16, logLoss: 0.1 } },
      config,
    );
    expect(few?.suggestion).toContain('With 20 labels');
    const overfit = coinWarning(
      { labels: 400, heldOut: { n: 80, logLoss: 0.9 }, train: { n: 320, logLoss: 0.2 } },
      config,
    );
    expect(overfit?.suggestion).toContain('raise the L2 penalty from 0.001 to 0.01');
    expect(overfit?.suggestion).toContain('early stopping');
    const underfit = coinWarning(
      { labels: 400, heldOut: { n: 80, logLoss: 0.75 }, train: { n: 320, logLoss: 0.72 } },
      config,
    );
    expect(underfit?.suggestion).toContain('more than 30 epochs');
    const noisy = coinWarning(
      { labels: 400, heldOut: { n: 80, logLoss: 0.75 }, train: { n: 320, logLoss: 0.6 } },
      config,
    );
    expect(noisy?.suggestion).toContain('contradict');
  });
});
