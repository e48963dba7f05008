/**
 * The optimiser's half of a playground sweep point: score the dataset's action table with the point's
 * reward model, train the ensemble's members when the settings ask for them (TF.js, ./ensemble.ts), run
 * best-of-n or RL with the mitigations on (lib/core/goodhart/optimize/settings.ts) and keep its outcome.
 * A world (the scored table and the members) can be reused across points that share a reward model,
 * as a sweep of an optimiser knob does: only the optimiser then differs between points.
 */
import { buildTable, scoreTable, type ActionTable } from '../core/goodhart/optimize/table';
import { optimize } from '../core/goodhart/optimize/run';
import { mitigatedRun, outcomeOf, type OptimizerOutcome } from '../core/goodhart/optimize/settings';
import type { OptimizerSettings } from '../core/goodhart/optimize/settings';
import { featureRewardFn, scoreAll } from '../core/goodhart/probes/reward';
import type { RewardModelFile } from '../core/reward-model/model-file';
import type { Comparison, DatasetFile } from '../core/types';
import { trainEnsemble } from './ensemble';

/** A reward model's scored action table and its ensemble's per-text rewards (the model itself first). */
export interface OptimizerWorld {
  model: RewardModelFile;
  comparisons: readonly Comparison[];
  table: ActionTable;
  members: Float64Array[];
}

/** Scores the action table of `dataset` with `model` (the table is sampled with `seed`). */
export async function optimizerWorld(
  dataset: DatasetFile,
  model: RewardModelFile,
  comparisons: readonly Comparison[],
  seed: number,
  signal?: AbortSignal,
): Promise<OptimizerWorld> {
  const table = await scoreTable(buildTable(dataset, { seed }), featureRewardFn(model), { signal });
  return { model, comparisons, table, members: [table.rewards] };
}

/** Trains members (other seeds, bootstrap resamples of the labels) until the world has `count`. */
async function ensureMembers(
  world: OptimizerWorld,
  dataset: DatasetFile,
  count: number,
  signal?: AbortSignal,
): Promise<void> {
  if (world.members.length >= count) return;
  const { model } = world;
  // Same recipe as the /optimize worker: members after the model itself, with the next seeds.
  const models = await trainEnsemble(
    { comparisons: [...world.comparisons], responses: dataset.responses, prompts: dataset.prompts },
    { ...model.config, seed: model.config.seed + 1 },
    { members: count - 1, signal },
  );
  world.members = [world.table.rewards];
  for (const m of models)
    world.members.push(Float64Array.from(await scoreAll(featureRewardFn(m), world.table.texts, { signal })));
}

/** Runs the optimiser with `settings` against the world's model and returns its outcome. */
export async function optimizerOutcome(
  world: OptimizerWorld,
  dataset: DatasetFile,
  settings: OptimizerSettings,
  seed: number,
  signal?: AbortSignal,
): Promise<OptimizerOutcome> {
  if (settings.ensembleMembers > 1) await ensureMembers(world, dataset, settings.ensembleMembers, signal);
  const run = mitigatedRun(world.table, settings, seed, world.members);
  return outcomeOf(await optimize(world.table, { ...run.opts, signal }, run.rewards));
}
