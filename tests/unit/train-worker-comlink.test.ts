// The training worker's API across a real comlink channel (a MessageChannel in Node, as the page talks to
// train.worker.ts): epochs stream through a Comlink.proxy callback one by one before the run resolves, the
// set's typed arrays travel as transferables, cancel returns a promise and the run rejects as an AbortError
// on the page's side, and a divergence rejects with its message.
import * as Comlink from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCpuBackend } from '../../lib/ml/backend';
import { syntheticPairs } from '../../lib/ml/synthetic';
import { transferSet, type EpochProgress, type TrainWorkerApi } from '../../lib/workers/train-api';
import { createTrainApi } from '../../lib/workers/train-service';

let ports: MessagePort[] = [];

/** The API exposed on one end of a channel (the worker's side) and wrapped on the other (the page's). */
function connect(): Comlink.Remote<TrainWorkerApi> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(createTrainApi(startCpuBackend), port1);
  return Comlink.wrap<TrainWorkerApi>(port2);
}

beforeAll(async () => {
  await startCpuBackend();
});

afterEach(() => {
  for (const p of ports) p.close();
  ports = [];
});

describe('training worker over comlink', () => {
  it('streams each epoch before the result and transfers the set', async () => {
    const remote = connect();
    const { set } = syntheticPairs({ pairs: 300, dim: 6, seed: 2 });
    const seen: number[] = [];
    let resolvedAfter = -1;
    const result = await remote
      .train(
        transferSet(set),
        { epochs: 4, solver: 'adam' },
        Comlink.proxy((p: EpochProgress) => void seen.push(p.epoch)),
      )
      .then((r) => ((resolvedAfter = seen.length), r));
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(resolvedAfter).toBe(4);
    expect(result.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(result.model.format).toBe('goodhart-reward-model');
    expect(result.backend).toBe('cpu');
    // Transferred, not copied: the page's arrays are detached.
    expect(set.vectors.byteLength).toBe(0);
    expect(set.chosen.byteLength).toBe(0);
    expect(await remote.backend()).toBe('cpu');
  });

  it('cancel resolves once the loop stopped, and the run rejects as an AbortError on the page', async () => {
    const remote = connect();
    const { set } = syntheticPairs({ pairs: 300, dim: 6, seed: 2 });
    const seen: number[] = [];
    const run = remote.train(
      transferSet(set),
      { epochs: 1000, solver: 'adam' },
      Comlink.proxy((p: EpochProgress) => void seen.push(p.epoch)),
    );
    const outcome = run.then(
      () => null,
      (e: Error) => e,
    );
    while (seen.length < 2) await new Promise((r) => setTimeout(r, 5));
    await remote.cancel();
    const err = await outcome;
    expect(err).toBeInstanceOf(Error);
    expect(err?.name).toBe('AbortError');
    expect(err?.message).toBe('Training cancelled');
    const atCancel = seen.length;
    expect(atCancel).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(atCancel);
    // The worker is free again.
    const next = await remote.train(transferSet(syntheticPairs({ pairs: 50, dim: 3, seed: 1 }).set), {
      epochs: 1,
      solver: 'adam',
    });
    expect(next.history).toHaveLength(1);
  });

  it('a divergence rejects with its message', async () => {
    const remote = connect();
    const { set } = syntheticPairs({ pairs: 300, dim: 6, seed: 2 });
    const seen: number[] = [];
    await expect(
      remote.train(
        transferSet(set),
        { epochs: 30, learningRate: 1e30, solver: 'adam' },
        Comlink.proxy((p: EpochProgress) => void seen.push(p.epoch)),
      ),
    ).rejects.toThrow(/^Training diverged at epoch \d+ \(loss (NaN|-?Infinity)\): lower the learning rate$/);
    expect(seen.length).toBeLessThan(30);
  });
});
