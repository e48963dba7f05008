'use client';
/**
 * The /bench training harness (used by `npm run bench:train`, not linked from the navigation): one button
 * per size trains the default linear reward model on seeded synthetic pairs through the app's real
 * training worker (its comlink API, backend chosen by `chooseBackend`) and prints wall time, pairs/s,
 * epochs and final log-loss into the page. A counter button and a text box let the benchmark check that
 * the page still answers clicks and keys while the worker trains.
 */
import { useState } from 'react';
import * as Comlink from 'comlink';
import { transferSet, type EpochProgress, type TrainWorkerApi } from '@/lib/workers/train-api';
import type { TrainConfig } from '@/lib/core/reward-model/model-file';
import { Button } from '@/components/ui/Button';
import { useWorker } from '@/components/ui/useWorker';
import type { SyntheticWorkerApi } from '@/lib/workers/synthetic-api';
import { TableScroll } from '@/components/ui/TableScroll';

/** Sizes the harness offers (pairs). */
export const BENCH_SIZES = [1_000, 10_000, 100_000] as const;

/** Feature dimension of the synthetic data (as in the Node benchmark). */
export const BENCH_DIM = 64;

/**
 * "To convergence": the default config (linear, Adam lr 0.01, batch 64) with early stopping on the
 * held-out log-loss: stop after 3 epochs without improvement (at most 30) and keep the best weights.
 */
export const BENCH_CONFIG: Partial<TrainConfig> = { epochs: 30, patience: 3, seed: 1 };

/** One finished benchmark run, as shown in the table and in its `data-result` JSON. */
export interface BenchResult {
  pairs: number;
  backend: string;
  epochs: number;
  /** Generating the data in the helper worker, including the transfer back. */
  genMs: number;
  /** `train()` called → model received on the page (transfer, training, evaluation). */
  wallMs: number;
  /** Training rows × epochs run / wall seconds. */
  pairsPerSec: number;
  trainLogLoss: number | null;
  valLogLoss: number | null;
  valAccuracy: number | null;
  bayesAccuracy: number;
  /** performance.now() on the page when training started and ended (to match long tasks). */
  startedAt: number;
  endedAt: number;
}

const fmt = (v: number | null, digits = 4) => (v === null ? '—' : v.toFixed(digits));

/** The benchmark harness: size buttons, a results table, and responsiveness probes. */
export function TrainBench() {
  const trainer = useWorker<TrainWorkerApi>(
    () => new Worker(new URL('../../lib/workers/train.worker.ts', import.meta.url)),
  );
  const synthetic = useWorker<SyntheticWorkerApi>(
    () => new Worker(new URL('../../lib/workers/synthetic.worker.ts', import.meta.url)),
  );
  const [results, setResults] = useState<BenchResult[]>([]);
  const [status, setStatus] = useState('idle');
  const [pings, setPings] = useState(0);
  const [typed, setTyped] = useState('');

  async function run(pairs: number, config: Partial<TrainConfig>) {
    setStatus(`generating ${pairs} pairs`);
    const g0 = performance.now();
    const { set, bayesAccuracy } = await synthetic.get().generate({ pairs, dim: BENCH_DIM, seed: 1 });
    const genMs = performance.now() - g0;
    setStatus(`training ${pairs} pairs`);
    const startedAt = performance.now();
    try {
      const r = await trainer.get().train(
        transferSet(set),
        config,
        Comlink.proxy((p: EpochProgress) =>
          setStatus(`training ${pairs} pairs: epoch ${p.epoch}, loss ${p.loss.toFixed(4)}`),
        ),
      );
      const endedAt = performance.now();
      const m = r.model.metrics;
      const result: BenchResult = {
        pairs,
        backend: r.backend,
        epochs: m.epochs,
        genMs,
        wallMs: endedAt - startedAt,
        pairsPerSec: (m.train.n * m.epochs) / ((endedAt - startedAt) / 1000),
        trainLogLoss: m.train.logLoss,
        valLogLoss: m.val.logLoss,
        valAccuracy: m.val.accuracy,
        bayesAccuracy,
        startedAt,
        endedAt,
      };
      setResults((rs) => [...rs.filter((x) => x.pairs !== pairs), result]);
      setStatus(`done ${pairs}`);
    } catch (e) {
      setStatus(`error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const busy = status.startsWith('generating') || status.startsWith('training');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Training benchmark harness</h1>
      <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300">
        This page is the benchmark harness for <code>npm run bench:train</code>; it is not part of the lab.
        Each button draws seeded synthetic preference pairs over {BENCH_DIM} Gaussian features in a helper
        worker, then trains the default linear reward model in the app&apos;s training worker, with early
        stopping on the held-out log-loss (patience 3, at most 30 epochs).
      </p>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => void run(200, { epochs: 1, seed: 1 })} disabled={busy}>
          Warm up
        </Button>
        {BENCH_SIZES.map((n) => (
          <Button key={n} variant="primary" onClick={() => void run(n, BENCH_CONFIG)} disabled={busy}>
            Train {n.toLocaleString('en')} pairs
          </Button>
        ))}
      </div>
      <p role="status" data-testid="bench-status">
        {status}
      </p>
      <TableScroll label="Benchmark results">
        <table className="text-left text-sm" data-testid="bench-results">
          <thead>
            <tr>
              {[
                'pairs',
                'backend',
                'epochs',
                'wall (s)',
                'pairs/s',
                'train log-loss',
                'held-out log-loss',
              ].map((h) => (
                <th key={h} className="pr-4">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.pairs} data-testid={`bench-result-${r.pairs}`} data-result={JSON.stringify(r)}>
                <td className="pr-4">{r.pairs.toLocaleString('en')}</td>
                <td className="pr-4">{r.backend}</td>
                <td className="pr-4">{r.epochs}</td>
                <td className="pr-4">{(r.wallMs / 1000).toFixed(2)}</td>
                <td className="pr-4">{Math.round(r.pairsPerSec).toLocaleString('en')}</td>
                <td className="pr-4">{fmt(r.trainLogLoss)}</td>
                <td className="pr-4">{fmt(r.valLogLoss)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <section aria-label="Responsiveness probes" className="flex flex-wrap items-end gap-4">
        <Button onClick={() => setPings((n) => n + 1)}>Ping</Button>
        <span data-testid="ping-count">{pings}</span>
        <label className="text-sm">
          Type here while training
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            className="ml-2 rounded border border-slate-400 px-2 py-1 dark:bg-slate-900"
          />
        </label>
      </section>
    </div>
  );
}
