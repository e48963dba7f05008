// Training worker API tests (in Node, on the plain object the worker exposes through comlink): the backend
// is chosen first, epochs stream one by one, each request resolves with the model or rejects as cancelled
// or with its message, and transferables list each buffer once.
import { describe, expect, it } from 'vitest';
import { startCpuBackend } from '../../lib/ml/backend';
import { transferablesOf } from '../../lib/workers/train-api';
import { syntheticPairs } from '../../lib/ml/synthetic';
import { createTrainApi } from '../../lib/workers/train-service';

describe('training worker API', () => {
  it('runs, cancels and reports errors', async () => {
    const events: string[] = [];
    const api = createTrainApi(async () => {
      const name = await startCpuBackend();
      events.push(`backend:${name}`);
      return name;
    });
    const onEpoch = () => void events.push('epoch');
    const { set } = syntheticPairs({ pairs: 200, dim: 5, seed: 1 });

    const done = await api.train(set, { epochs: 3, solver: 'adam' }, onEpoch);
    events.push('done');
    expect(events).toEqual(['backend:cpu', 'epoch', 'epoch', 'epoch', 'done']);
    expect(done.model.format).toBe('goodhart-reward-model');
    expect(await api.backend()).toBe('cpu');

    events.length = 0;
    let settled = false;
    const run = api.train(set, { epochs: 500, solver: 'adam' }, onEpoch).finally(() => (settled = true));
    const outcome = run.then(
      () => 'done',
      (e: Error) => e.name,
    );
    await new Promise((r) => setTimeout(r, 30));
    await api.cancel();
    // cancel resolves only once the loop has stopped: the run has already settled, and no epoch follows.
    expect(settled).toBe(true);
    const epochsAtCancel = events.length;
    expect(await outcome).toBe('AbortError');
    await new Promise((r) => setTimeout(r, 30));
    expect(events.length).toBe(epochsAtCancel);
    expect(events.filter((e) => e === 'epoch').length).toBeLessThan(500);

    events.length = 0;
    await expect(api.train(set, { learningRate: -1 }, onEpoch)).rejects.toThrow(
      /^Invalid training config: learningRate/,
    );
    expect(events).toEqual([]);
  });

  it('runs one request at a time and cancels at once when idle', async () => {
    const api = createTrainApi(startCpuBackend);
    const { set } = syntheticPairs({ pairs: 200, dim: 5, seed: 1 });
    await api.cancel();
    const first = api.train(set, { epochs: 500, solver: 'adam' });
    await expect(api.train(set, { epochs: 1, solver: 'adam' })).rejects.toThrow(
      'A training run is already in progress',
    );
    await api.cancel();
    await expect(first).rejects.toMatchObject({ name: 'AbortError', message: 'Training cancelled' });
    // Once stopped, the next request runs.
    expect((await api.train(set, { epochs: 1, solver: 'adam' })).history).toHaveLength(1);
  });

  it('lists each distinct buffer once for transfer', () => {
    const { set } = syntheticPairs({ pairs: 10, dim: 2, seed: 1 });
    expect(transferablesOf(set)).toHaveLength(6);
    expect(transferablesOf({ ...set, margin: set.weight })).toHaveLength(5);
  });
});
