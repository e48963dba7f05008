/**
 * The optimiser worker: builds and scores the action table (lib/core/goodhart/optimize), trains the
 * ensemble's members when asked (TF.js, lib/ml/ensemble.ts), then runs each mitigation's optimisation on
 * the same table and seed, reporting stages, points and finished runs through comlink callbacks.
 * `cancel()` aborts between steps; the request then rejects with an AbortError. Classic worker (no
 * `type: 'module'`), spawned by /optimize through components/ui/useWorker.ts.
 */
import * as Comlink from 'comlink';
import { mitigate } from '../core/goodhart/optimize/mitigations';
import { optimize } from '../core/goodhart/optimize/run';
import { buildTable, scoreTable } from '../core/goodhart/optimize/table';
import {
  abortError,
  modelRewardFn,
  responseEmbeddingsFromTexts,
  scoreAll,
} from '../core/goodhart/probes/reward';
import { usesEncoder } from '../core/reward-model/feature-sets';
import { modelFeatures } from '../core/reward-model/model-file';
import { chooseBackend } from '../ml/backend';
import { trainEnsemble } from '../ml/ensemble';
import type { CurvePoint } from '../core/goodhart/optimize/run';
import type { LabRun, OptimizeWorkerApi } from './optimize-api';

let controller: AbortController | null = null;

const api: OptimizeWorkerApi = {
  async run(model, dataset, req, onEvent) {
    controller?.abort();
    const ctl = new AbortController();
    controller = ctl;
    const signal = ctl.signal;
    const table = await scoreTable(
      buildTable(dataset, { seed: req.seed, ...req.table }),
      modelRewardFn(model, req.embeddings),
      {
        signal,
        onProgress: (done, total) => void onEvent({ type: 'stage', stage: 'scoring', done, total }),
      },
    );
    let members: Float64Array[] | undefined;
    if (req.mitigations.includes('ensemble') && req.ensemble) {
      await chooseBackend();
      const total = req.ensemble.members;
      onEvent({ type: 'stage', stage: 'training', done: 0, total });
      const models = await trainEnsemble(
        {
          comparisons: req.ensemble.comparisons,
          responses: dataset.responses,
          prompts: dataset.prompts,
          ...(usesEncoder(modelFeatures(model).set) && req.embeddings
            ? { embeddings: responseEmbeddingsFromTexts(dataset.responses, req.embeddings) }
            : {}),
        },
        { ...model.config, seed: model.config.seed + 1 },
        {
          members: total - 1,
          signal,
          onMember: (done) => void onEvent({ type: 'stage', stage: 'training', done, total }),
        },
      );
      members = [table.rewards];
      for (const m of models)
        members.push(
          Float64Array.from(await scoreAll(modelRewardFn(m, req.embeddings), table.texts, { signal })),
        );
    }
    const runs: LabRun[] = [];
    for (const id of req.mitigations) {
      if (signal.aborted) throw abortError('Optimisation');
      const m = mitigate(
        table,
        table.rewards,
        id,
        { method: req.method, seed: req.seed, steps: req.steps, klCoef: req.klCoef },
        members,
        req.ensemble,
      );
      let pending: CurvePoint[] = [];
      let last = 0;
      const result = await optimize(
        table,
        {
          ...m.opts,
          signal,
          onProgress: (p) => {
            if (p.point) pending.push(p.point);
            const now = Date.now();
            if (now - last < 100 && p.step < p.steps) return;
            last = now;
            void onEvent({ type: 'points', mitigation: id, step: p.step, steps: p.steps, points: pending });
            pending = [];
          },
        },
        m.rewards,
      );
      const run = { mitigation: id, result };
      runs.push(run);
      onEvent({ type: 'run', run, index: runs.length - 1 });
    }
    return runs;
  },
  cancel() {
    controller?.abort();
  },
};

Comlink.expose(api);
