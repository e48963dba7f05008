// The participant's "your biases" view (lib/core/room/biases.ts) against hand-computed cases: which
// labels each share rests on, the exact binomial p-value of the left share, and the "too few" thresholds.
import { describe, expect, it } from 'vitest';
import { MIN_BIAS_LABELS, MIN_REPEATS, myBiases, wordCount } from '../../lib/core/room/biases';
import type { Comparison, DatasetFile, Outcome } from '../../lib/core/types';

const dataset: DatasetFile = {
  format: 'goodhart-dataset',
  version: 1,
  dataset: { id: 'd', name: 'd', description: '', source: 'test', created: 0 },
  prompts: [{ id: 'p', datasetId: 'd', text: 'What is the capital of France?', category: 'facts' }],
  responses: [
    // 1 word, right, no confident marker
    { id: 'r1', promptId: 'p', datasetId: 'd', text: 'Paris.', correct: true, tags: [] },
    // 5 words, wrong, two confident markers
    {
      id: 'r2',
      promptId: 'p',
      datasetId: 'd',
      text: 'It is definitely Lyon, clearly.',
      correct: false,
      tags: [],
    },
    // 4 words, right, no marker
    { id: 'r3', promptId: 'p', datasetId: 'd', text: 'Paris is the capital.', correct: true, tags: [] },
    // 1 word, no gold
    { id: 'r4', promptId: 'p', datasetId: 'd', text: 'Lyon.', tags: [] },
  ],
};

let next = 0;
function lab(aId: string, bId: string, outcome: Outcome, over: Partial<Comparison> = {}): Comparison {
  next++;
  return {
    id: `c${next}`,
    datasetId: 'd',
    promptId: 'p',
    aId,
    bId,
    outcome,
    annotatorId: 'me',
    createdAt: next,
    durationMs: 1,
    ...over,
  };
}

describe('myBiases', () => {
  it('counts each share over the labels where the question has an answer', () => {
    expect(wordCount('It is definitely Lyon, clearly.')).toBe(5);
    const first = lab('r1', 'r2', 'a', { id: 'first' }); // shorter, less confident, left, right answer
    const labels = [
      first,
      lab('r2', 'r1', 'a'), // longer, more confident, left, wrong answer
      lab('r1', 'r3', 'b'), // longer; confidence equal; right side; both right: no gold question
      lab('r1', 'r4', 'tie'), // not decisive
      lab('r4', 'r1', 'a'), // same length, same confidence, left, no gold for r4
      lab('r2', 'r1', 'b', { repeatOf: 'first' }), // the repeat: same verdict as `first`
      lab('r2', 'r1', 'a', { annotatorId: 'someone else' }), // not mine
      lab('r2', 'r1', 'a', { datasetId: 'other' }), // not this dataset
    ];
    const b = myBiases(labels, dataset, 'me');
    expect(b.labels).toBe(6);
    expect(b.decisive).toBe(5);
    expect(b.longer).toEqual({ n: 4, k: 2, share: 0.5, enough: false });
    expect(b.confident).toEqual({ n: 3, k: 1, share: 1 / 3, enough: false });
    // 3 of 5 left: every outcome of 5 fair flips is at most as likely as 3 → p = 1.
    expect(b.left).toEqual({ n: 5, k: 3, share: 0.6, enough: false, pValue: 1 });
    expect(b.wrong).toEqual({ n: 3, k: 1, share: 1 / 3, enough: false });
    expect(b.consistency).toEqual({ n: 1, k: 1, share: 1, enough: false });
    expect(b.unknownResponses).toBe(0);
  });

  it('shows a share once it rests on the threshold, with the exact binomial p-value', () => {
    const labels = Array.from({ length: MIN_BIAS_LABELS }, () => lab('r2', 'r1', 'a'));
    const b = myBiases(labels, dataset, 'me');
    expect(b.left.enough).toBe(true);
    // 10 of 10 left: P(10) + P(0) = 2 / 1024.
    expect(b.left.pValue).toBeCloseTo(2 / 1024, 12);
    expect(b.longer).toEqual({ n: 10, k: 10, share: 1, enough: true });
    expect(b.wrong).toEqual({ n: 10, k: 10, share: 1, enough: true });
    const fewer = myBiases(labels.slice(1), dataset, 'me');
    expect(fewer.left.enough).toBe(false);
    expect(fewer.longer.enough).toBe(false);
  });

  it('needs MIN_REPEATS repeats for self-consistency, and counts a flipped repeat as inconsistent', () => {
    const labels: Comparison[] = [];
    for (let i = 0; i < MIN_REPEATS; i++) {
      const orig = lab('r1', 'r3', 'a');
      labels.push(orig, lab('r3', 'r1', i === 0 ? 'a' : 'b', { repeatOf: orig.id }));
    }
    expect(myBiases(labels, dataset, 'me').consistency).toEqual({
      n: MIN_REPEATS,
      k: MIN_REPEATS - 1,
      share: (MIN_REPEATS - 1) / MIN_REPEATS,
      enough: true,
    });
  });

  it('says how many labels name responses the dataset lacks, and has no shares with no labels', () => {
    const b = myBiases([lab('r1', 'gone', 'a')], dataset, 'me');
    expect(b.unknownResponses).toBe(1);
    expect(b.longer.n).toBe(0);
    const none = myBiases([], dataset, 'me');
    expect(none.left).toEqual({ n: 0, k: 0, share: null, enough: false, pValue: 1 });
    expect(none.consistency.share).toBeNull();
  });
});
