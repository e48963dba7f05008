// Training from the lab's labels through the training worker's API: featurizing in the worker, held-out evaluation
// pairs on exactly the model's held-out prompts, both_bad never used, ties only when not dropped.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startCpuBackend } from '../../lib/ml/backend';
import { createTrainApi } from '../../lib/workers/train-service';
import type { TrainerResult } from '../../lib/workers/train-api';
import { simulateLabels } from '../../lib/core/labeling/raters';
import type { Comparison, DatasetFile } from '../../lib/core/types';

const demo: DatasetFile = JSON.parse(
  readFileSync(resolve(__dirname, '../../public/demo/goodhart-demo.json'), 'utf8'),
);

beforeAll(async () => {
  await startCpuBackend();
});

/** What the worker API reported, in order: its backend, each epoch, then the finished run. */
type Event = { type: 'backend' } | { type: 'epoch' } | ({ type: 'done' } & TrainerResult);

async function run(comparisons: Comparison[], config: Record<string, unknown>) {
  const events: Event[] = [];
  const api = createTrainApi(async () => {
    events.push({ type: 'backend' });
    return 'cpu';
  });
  const result = await api.trainLabels(
    { comparisons, responses: demo.responses, prompts: demo.prompts },
    { epochs: 5, solver: 'adam', ...config },
    () => events.push({ type: 'epoch' }),
  );
  events.push({ type: 'done', ...result });
  return events;
}

describe('trainLabels', () => {
  it('trains in the worker handler and returns held-out evaluation pairs', async () => {
    const { comparisons } = simulateLabels(demo, 'hurried', 200, 3);
    const bothBad: Comparison = { ...comparisons[0], id: 'bb', outcome: 'both_bad' };
    const tie: Comparison = { ...comparisons[1], id: 'tt', outcome: 'tie' };
    const events = await run([...comparisons, bothBad, tie], { ties: 'drop' });
    expect(events.map((e) => e.type)).toEqual([
      'backend',
      'epoch',
      'epoch',
      'epoch',
      'epoch',
      'epoch',
      'done',
    ]);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done');
    expect(done.labelIds).not.toContain('bb');
    expect(done.labelIds).not.toContain('tt');
    const decided = comparisons.filter((c) => c.outcome === 'a' || c.outcome === 'b');
    expect(done.labelIds).toHaveLength(
      comparisons.filter((c) => c.outcome !== 'both_bad' && c.outcome !== 'tie').length,
    );
    const held = new Set(done.model.heldOutPromptKeys);
    expect(held.size).toBeGreaterThan(0);
    expect(done.evaluation!.val.every((p) => held.has(p.promptId))).toBe(true);
    expect(done.evaluation!.train.every((p) => !held.has(p.promptId))).toBe(true);
    expect(done.evaluation!.val.length + done.evaluation!.train.length).toBe(decided.length);
    // The reported held-out accuracy matches the evaluation pairs.
    const acc =
      done.evaluation!.val.filter((p) => p.rChosen > p.rRejected).length / done.evaluation!.val.length;
    expect(acc).toBeCloseTo(done.model.metrics.val.accuracy!, 1);
  });

  it('keeps ties when ties are counted as half a win', async () => {
    const { comparisons } = simulateLabels(demo, 'careful', 60, 4);
    const tie: Comparison = { ...comparisons[0], id: 'tie-1', outcome: 'tie' };
    const events = await run([...comparisons, tie], { ties: 'half' });
    const done = events.at(-1)!;
    expect(done.type === 'done' && done.labelIds).toContain('tie-1');
  });
});
