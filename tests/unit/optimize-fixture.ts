// The demo's two reward models as the lesson builds them (500 simulated labels, seed 1, default
// training), each with its labels, scored action table and ensemble members, for the optimiser's
// pinned test and its benchmark.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_FILE } from '../../lib/core/demo';
import { buildTable, scoreTable, type ActionTable } from '../../lib/core/goodhart/optimize/table';
import { featureRewardFn, scoreAll } from '../../lib/core/goodhart/probes/reward';
import { simulateLabels } from '../../lib/core/labeling/raters';
import { DEFAULT_TRAIN_CONFIG, type RewardModelFile } from '../../lib/core/reward-model/model-file';
import type { DatasetFile } from '../../lib/core/types';
import { startCpuBackend } from '../../lib/ml/backend';
import { trainEnsemble } from '../../lib/ml/ensemble';

export const demo: DatasetFile = JSON.parse(readFileSync(resolve(process.cwd(), DEMO_FILE), 'utf8'));

/** One rater's reward model on the demo, its scored table and its ensemble members' rewards. */
export interface DemoModel {
  model: RewardModelFile;
  table: ActionTable;
  members: Float64Array[];
}

/** Trains the rater's ensemble (member 0 is the lesson's model) and scores the demo's action table. */
export async function demoModel(rater: 'hurried' | 'careful', members = 3): Promise<DemoModel> {
  await startCpuBackend();
  const labels = simulateLabels(demo, rater, 500, 1);
  const models = await trainEnsemble(
    { comparisons: labels.comparisons, responses: demo.responses, prompts: demo.prompts },
    { ...DEFAULT_TRAIN_CONFIG },
    { members },
  );
  const table = await scoreTable(buildTable(demo), featureRewardFn(models[0]));
  const rest = await Promise.all(models.slice(1).map((m) => scoreAll(featureRewardFn(m), table.texts)));
  return { model: models[0], table, members: [table.rewards, ...rest.map((r) => Float64Array.from(r))] };
}
