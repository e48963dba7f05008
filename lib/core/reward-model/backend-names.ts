/**
 * What a training run runs on: the TF.js backend (`webgl`, `cpu`) for Adam and the MLP, or `js` for the
 * exact solver (L-BFGS in plain TypeScript, no TF.js). {@link needsTfjs} decides which, for the trainer,
 * the training worker (which starts TF.js only then) and the pages; runs store the short name and pages
 * show {@link backendLabel}.
 */
import type { TrainConfig } from './settings';

/** The backend a run of the exact solver reports: plain TypeScript, no TF.js started. */
export const SOLVER_BACKEND = 'js';

/** Whether `config` trains with TF.js (and so needs a TF.js backend started): the MLP, or solver = Adam. */
export function needsTfjs(config: Pick<TrainConfig, 'model' | 'solver'>): boolean {
  return config.model === 'mlp' || config.solver === 'adam';
}

const LABELS: Readonly<Record<string, string>> = {
  [SOLVER_BACKEND]: 'exact solver (plain TypeScript, no TF.js)',
  webgl: 'TF.js on WebGL (GPU)',
  cpu: 'TF.js on the CPU',
};

/** A backend's name as a person reads it; an unknown name is shown as it is. */
export function backendLabel(name: string): string {
  return Object.hasOwn(LABELS, name) ? LABELS[name] : name;
}

/**
 * What a form says a run of `config` will train on: the exact solver's label, else the TF.js backend the
 * worker already started (`started`, null before the first TF.js run), else how it will be chosen.
 */
export function backendPlanned(
  config: Pick<TrainConfig, 'model' | 'solver'>,
  started: string | null,
): string {
  if (!needsTfjs(config)) return backendLabel(SOLVER_BACKEND);
  return started && started !== SOLVER_BACKEND
    ? backendLabel(started)
    : 'TF.js, chosen when training starts (WebGL where it works, else CPU)';
}
