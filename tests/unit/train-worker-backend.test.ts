// The training worker starts a TF.js backend only for a run that trains with TF.js: an exact-solver run
// (the linear model's default) never calls pickBackend and reports `js`; an Adam or MLP run starts it once
// and reports it; `backend()` still starts TF.js for callers that ask.
import { describe, expect, it, vi } from 'vitest';
import { startCpuBackend } from '../../lib/ml/backend';
import { syntheticPairs } from '../../lib/ml/synthetic';
import { createTrainApi } from '../../lib/workers/train-service';
import {
  backendLabel,
  backendPlanned,
  needsTfjs,
  SOLVER_BACKEND,
} from '../../lib/core/reward-model/backend-names';
import { simulateLabels } from '../../lib/core/labeling/raters';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatasetFile } from '../../lib/core/types';

const { set } = syntheticPairs({ pairs: 120, dim: 4, seed: 3 });

describe('training worker backend', () => {
  it('a solver run starts no TF.js backend and reports js', async () => {
    const pick = vi.fn(startCpuBackend);
    const api = createTrainApi(pick);
    expect(await api.backendFor({})).toBe('js');
    const r = await api.train(set, { solver: 'lbfgs' });
    expect(r.backend).toBe('js');
    expect(r.model.fit?.solver).toBe('lbfgs');
    const d = await api.train(set, {});
    expect(d.backend).toBe('js');
    expect(pick).not.toHaveBeenCalled();
  });

  it('a solver run on labels starts no TF.js backend either', async () => {
    const demo: DatasetFile = JSON.parse(
      readFileSync(resolve(__dirname, '../../public/demo/goodhart-demo.json'), 'utf8'),
    );
    const pick = vi.fn(startCpuBackend);
    const api = createTrainApi(pick);
    const { comparisons } = simulateLabels(demo, 'hurried', 60, 2);
    const r = await api.trainLabels({ comparisons, responses: demo.responses, prompts: demo.prompts }, {});
    expect(r.backend).toBe('js');
    expect(pick).not.toHaveBeenCalled();
  });

  it('an Adam run and an MLP run start the backend once, before training', async () => {
    const order: string[] = [];
    const pick = vi.fn(async () => {
      order.push('backend');
      return startCpuBackend();
    });
    const api = createTrainApi(pick);
    expect(await api.backendFor({ solver: 'adam' })).toBe('cpu');
    const adam = await api.train(set, { solver: 'adam', epochs: 2 }, () => order.push('epoch'));
    expect(adam.backend).toBe('cpu');
    const mlp = await api.train(set, { model: 'mlp', hiddenUnits: 3, epochs: 1 });
    expect(mlp.backend).toBe('cpu');
    expect(pick).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['backend', 'epoch', 'epoch']);
    // A solver run after them still reports the solver, not the started TF.js backend.
    expect((await api.train(set, {})).backend).toBe('js');
    expect(await api.backend()).toBe('cpu');
    expect(pick).toHaveBeenCalledTimes(1);
  });

  it('backend() starts TF.js for callers that ask', async () => {
    const pick = vi.fn(startCpuBackend);
    const api = createTrainApi(pick);
    expect(await api.backend()).toBe('cpu');
    expect(await api.backend()).toBe('cpu');
    expect(pick).toHaveBeenCalledTimes(1);
  });
});

describe('backend names', () => {
  it('needs TF.js for the MLP and for Adam only', () => {
    expect(needsTfjs({ model: 'linear', solver: 'lbfgs' })).toBe(false);
    expect(needsTfjs({ model: 'linear', solver: 'adam' })).toBe(true);
    // The MLP always trains with Adam, whatever the solver field says.
    expect(needsTfjs({ model: 'mlp', solver: 'lbfgs' })).toBe(true);
  });

  it('labels each backend for people and says what a config will use', () => {
    expect(SOLVER_BACKEND).toBe('js');
    expect(backendLabel('js')).toBe('exact solver (plain TypeScript, no TF.js)');
    expect(backendLabel('cpu')).toBe('TF.js on the CPU');
    expect(backendLabel('webgl')).toBe('TF.js on WebGL (GPU)');
    expect(backendLabel('wasm')).toBe('wasm');
    expect(backendPlanned({ model: 'linear', solver: 'lbfgs' }, 'cpu')).toBe(backendLabel('js'));
    expect(backendPlanned({ model: 'linear', solver: 'adam' }, 'cpu')).toBe('TF.js on the CPU');
    expect(backendPlanned({ model: 'mlp', solver: 'lbfgs' }, 'js')).toMatch(/^TF\.js, chosen when training/);
    expect(backendPlanned({ model: 'mlp', solver: 'lbfgs' }, null)).toMatch(/^TF\.js, chosen when training/);
  });
});
