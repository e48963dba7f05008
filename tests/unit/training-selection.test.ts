// Which labels train is decided once (training-data.ts `trainingUse`): the rows, the label ids a run
// records and the /train page's "enough labels" check follow the same rule; a training run from the
// lab's labels featurizes each labelled response once (the evaluation scores the training rows); and
// simulate → train → inspect featurizes the dataset once for its training rows and its report.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Comparison, DatasetFile, Outcome } from '../../lib/core/types';

vi.mock('../../lib/core/reward-model/features/index', async (original) =>
  (await import('./featurize-counter')).countingFeatures(original),
);
const { featurizeCalls } = await import('./featurize-counter');

const { featurize } = await import('../../lib/core/reward-model/features/index');
const { scoreWithModelFile } = await import('../../lib/core/reward-model/model-file');
const {
  buildRows,
  comparisonsToTrainingData,
  comparisonsToTrainingSet,
  featurizeResponses,
  selectTrainingLabels,
  trainingUse,
} = await import('../../lib/core/reward-model/training-data');
const { inspect } = await import('../../lib/core/goodhart/report');
const { simulateTrainInspect } = await import('../../lib/ml/pipeline');
const { startCpuBackend } = await import('../../lib/ml/backend');
const { trainOnLabels } = await import('../../lib/ml/label-training');
const { simulateLabels } = await import('../../lib/core/labeling/raters');

const demo: DatasetFile = JSON.parse(
  readFileSync(resolve(__dirname, '../../public/demo/goodhart-demo.json'), 'utf8'),
);

beforeAll(async () => {
  await startCpuBackend();
});

describe('trainingUse: the one rule for which outcomes train', () => {
  it('a and b always, ties unless dropped, both_bad never', () => {
    const table = (['a', 'b', 'tie', 'both_bad'] as Outcome[]).map((o) => [
      o,
      trainingUse(o, 'drop'),
      trainingUse(o, 'half'),
      trainingUse(o, 'davidson'),
    ]);
    expect(table).toEqual([
      ['a', 'decided', 'decided', 'decided'],
      ['b', 'decided', 'decided', 'decided'],
      ['tie', null, 'tie', 'tie'],
      ['both_bad', null, null, null],
    ]);
  });

  it('selectTrainingLabels keeps the order and counts the decided labels; buildRows agrees', () => {
    const outcomes: Outcome[] = ['tie', 'a', 'both_bad', 'b', 'tie', 'a'];
    const cs = outcomes.map((outcome, i) => ({ id: `c${i}`, outcome }));
    expect(selectTrainingLabels(cs, 'drop')).toEqual({ used: [cs[1], cs[3], cs[5]], decided: 3 });
    expect(selectTrainingLabels(cs, 'half')).toEqual({
      used: [cs[0], cs[1], cs[3], cs[4], cs[5]],
      decided: 3,
    });
    const labels = outcomes.map((outcome) => ({ promptKey: 'p', a: 0, b: 1, outcome }));
    const vecs = Float32Array.from([1, 0, 0, 1]);
    for (const ties of ['drop', 'half', 'davidson'] as const) {
      const rows = buildRows(labels, vecs, 2, { marginPreset: 'none', ties });
      const { used, decided } = selectTrainingLabels(labels, ties);
      expect(rows.chosen.length).toBe(decided + (used.length - decided) * (ties === 'half' ? 2 : 1));
    }
  });

  it('a comparison whose response is missing is not among the labels a run used', () => {
    const { comparisons } = simulateLabels(demo, 'hurried', 20, 1);
    const lost: Comparison = { ...comparisons[0], id: 'lost', bId: 'no-such-response' };
    const data = comparisonsToTrainingData([...comparisons, lost], demo.responses, demo.prompts, {
      marginPreset: 'none',
      ties: 'half',
    });
    expect(data.used.map((c) => c.id)).toEqual(
      comparisons.filter((c) => c.outcome !== 'both_bad').map((c) => c.id),
    );
  });
});

describe('trainOnLabels', () => {
  it('featurizes each labelled response once and scores the training rows for its evaluation', async () => {
    const { comparisons } = simulateLabels(demo, 'hurried', 120, 2);
    const lost: Comparison = { ...comparisons[0], id: 'lost', aId: 'no-such-response' };
    const input = { comparisons: [...comparisons, lost], responses: demo.responses, prompts: demo.prompts };
    const distinct = new Set(selectTrainingLabels(comparisons, 'half').used.flatMap((c) => [c.aId, c.bId]));
    featurizeCalls.n = 0;
    const result = await trainOnLabels(input, { epochs: 3, ties: 'half' });
    expect(featurizeCalls.n).toBe(distinct.size);
    expect(result.labelIds).not.toContain('lost');
    expect(result.labelIds).toEqual(comparisons.filter((c) => c.outcome !== 'both_bad').map((c) => c.id));

    // The same rewards as featurizing each response again and scoring it.
    const text = new Map(demo.responses.map((r) => [r.id, r.text]));
    const prompt = new Map(demo.prompts.map((p) => [p.id, p.text]));
    const byId = new Map(comparisons.map((c) => [c.id, c]));
    const pairs = [...result.evaluation.train, ...result.evaluation.val];
    expect(pairs.length).toBe(comparisons.filter((c) => c.outcome === 'a' || c.outcome === 'b').length);
    for (const p of pairs) {
      const c = byId.get(p.comparisonId)!;
      const [w, l] = c.outcome === 'a' ? [c.aId, c.bId] : [c.bId, c.aId];
      const score = (id: string) =>
        scoreWithModelFile(result.model, featurize(prompt.get(c.promptId)!, text.get(id)!));
      expect([p.rChosen, p.rRejected]).toEqual([score(w), score(l)]);
    }
  });
});

describe('simulate → train → inspect', () => {
  it('featurizes each response of the dataset once, for the training rows and the report alike', async () => {
    // The simulated rater reads its own signals from the texts (raters.ts); counted apart.
    featurizeCalls.n = 0;
    simulateLabels(demo, 'hurried', 80, 1);
    const rater = featurizeCalls.n;
    featurizeCalls.n = 0;
    const run = await simulateTrainInspect(demo, 'hurried', { n: 80, seed: 1, train: { epochs: 2 } });
    expect(featurizeCalls.n - rater).toBe(demo.responses.length);
    // The same rows and the same report as featurizing in each step.
    const features = featurizeResponses(demo.responses, demo.prompts);
    const opts = { marginPreset: 'none', ties: 'half' } as const;
    const { comparisons } = run.labels;
    expect(comparisonsToTrainingSet(comparisons, demo.responses, demo.prompts, opts, features)).toEqual(
      comparisonsToTrainingSet(comparisons, demo.responses, demo.prompts, opts),
    );
    const inspectOpts = { comparisons, annotators: [run.labels.annotator] };
    expect(run.report).toEqual(inspect(run.model, demo, inspectOpts));
    expect(inspect(run.model, demo, { ...inspectOpts, features })).toEqual(run.report);
  });
});
