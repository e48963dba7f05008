/**
 * The fix-it lab: the same optimisation run once per mitigation on the same scored table and seed, so
 * the curves can be read side by side. Gold is always the dataset's gold; each run's `proxy` is the
 * reward that run optimised (the mitigated one).
 */
import { mitigate, type EnsembleChoice, type MitigationId } from './mitigations';
import { optimize, type OptimizeOptions, type OptimizeResult } from './run';
import { ENSEMBLE_ON } from './settings';
import type { ActionTable } from './table';

/** One mitigation's run. */
export interface LabRun {
  mitigation: MitigationId;
  result: OptimizeResult;
}

/**
 * Runs `opts` once per mitigation in `ids` (in order); `members` are the ensemble's per-text rewards
 * (the model itself first), used as `ensemble` says (./settings.ts ENSEMBLE_ON by default).
 */
export async function runLab(
  table: ActionTable,
  ids: readonly MitigationId[],
  opts: OptimizeOptions,
  members?: readonly ArrayLike<number>[],
  ensemble: EnsembleChoice = ENSEMBLE_ON,
  onRun?: (run: LabRun, index: number) => void,
): Promise<LabRun[]> {
  const out: LabRun[] = [];
  for (const id of ids) {
    const m = mitigate(table, table.rewards, id, opts, members, ensemble);
    const run = { mitigation: id, result: await optimize(table, m.opts, m.rewards) };
    out.push(run);
    onRun?.(run, out.length - 1);
  }
  return out;
}
