// Worker protocol tests (in Node, without a real Worker): the handler announces its backend, streams
// epoch events, ends each request with done / error / cancelled, and transferables list each buffer once.
import { describe, expect, it } from 'vitest';
import { startCpuBackend } from '../../lib/ml/backend';
import { transferablesOf } from '../../lib/workers/train-protocol';
import type { Event } from '../../lib/workers/train-protocol';
import { syntheticPairs } from '../../lib/ml/synthetic';
import { createWorkerHandler } from '../../lib/workers/train-handler';

describe('training worker handler', () => {
  it('runs, cancels and reports errors through events', async () => {
    const events: Event[] = [];
    const handle = createWorkerHandler((e) => events.push(e), startCpuBackend);
    const { set } = syntheticPairs({ pairs: 200, dim: 5, seed: 1 });

    await handle({ type: 'train', requestId: 1, data: set, config: { epochs: 3 } });
    expect(events.map((e) => e.type)).toEqual(['backend', 'epoch', 'epoch', 'epoch', 'done']);
    expect(events[0]).toEqual({ type: 'backend', name: 'cpu' });
    const done = events.at(-1)!;
    expect(done.type === 'done' && done.model.format).toBe('goodhart-reward-model');

    events.length = 0;
    const run = handle({ type: 'train', requestId: 2, data: set, config: { epochs: 500 } });
    await new Promise((r) => setTimeout(r, 30));
    await handle({ type: 'cancel', requestId: 2 });
    await run;
    expect(events.at(-1)).toEqual({ type: 'cancelled', requestId: 2 });
    expect(events.filter((e) => e.type === 'epoch').length).toBeLessThan(500);

    events.length = 0;
    await handle({ type: 'train', requestId: 3, data: set, config: { learningRate: -1 } });
    expect(events).toEqual([
      {
        type: 'error',
        requestId: 3,
        message: expect.stringMatching(/^Invalid training config: learningRate/),
      },
    ]);
  });

  it('lists each distinct buffer once for transfer', () => {
    const { set } = syntheticPairs({ pairs: 10, dim: 2, seed: 1 });
    expect(transferablesOf(set)).toHaveLength(6);
    expect(transferablesOf({ ...set, margin: set.weight })).toHaveLength(5);
  });
});
