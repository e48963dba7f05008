/**
 * The playground worker: runs sweeps and active-learning comparisons off the main thread (TF.js started
 * only when some run needs it: the MLP or Adam; the exact solver needs none) and
 * reports progress through comlink callbacks (its API: sweep-api.ts). Spawned by /playground through
 * components/ui/useWorker.ts with `new Worker(new URL('…/sweep.worker.ts', import.meta.url))` (classic
 * worker, no `type: 'module'`). `cancel()` aborts the running request between batches; the request then
 * rejects with an AbortError.
 */
import * as Comlink from 'comlink';
import { raterKnobsOf, studyNeedsTfjs } from '../core/playground/sweep';
import { SOLVER_BACKEND } from '../core/reward-model/backend-names';
import { runActiveLearning } from '../ml/active-learning';
import { chooseBackend } from '../ml/backend';
import { runSweep } from '../ml/sweep';
import type { PlaygroundWorkerApi } from './sweep-api';

let backendName: Promise<string> | null = null;
let controller: AbortController | null = null;

function begin(): AbortSignal {
  controller?.abort();
  controller = new AbortController();
  return controller.signal;
}

const api: PlaygroundWorkerApi = {
  backend: () => (backendName ??= chooseBackend()),
  backendFor: (exp) => (studyNeedsTfjs(exp) ? api.backend() : Promise.resolve(SOLVER_BACKEND)),
  async runSweep(dataset, exp, onEvent, embeddings) {
    await api.backendFor(exp);
    const signal = begin();
    return runSweep(dataset, exp, {
      signal,
      embeddings,
      onProgress: (progress) => void onEvent({ type: 'sweep-progress', progress }),
      onPoint: (point, index) => void onEvent({ type: 'sweep-point', point, index }),
    });
  },
  async runActiveLearning(dataset, exp, onEvent) {
    if (exp.study.kind !== 'active-learning') throw new Error('not an active-learning experiment');
    await api.backendFor(exp);
    const signal = begin();
    return runActiveLearning(
      { dataset, rater: raterKnobsOf(exp.rater), spec: exp.study, seed: exp.seed, train: exp.train },
      {
        signal,
        onProgress: (progress) => void onEvent({ type: 'al-progress', progress }),
        onRun: (run) => void onEvent({ type: 'al-run', run }),
      },
    );
  },
  cancel() {
    controller?.abort();
  },
};

Comlink.expose(api);
