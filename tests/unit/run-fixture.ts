// A valid stored run (as /train saves one), for tests that put runs into the database or a bundle.
import { FEATURE_DIM } from '../../lib/core/reward-model/features/index';
import { makeRunExperiment } from '../../lib/core/reward-model/experiment';
import type { RunRecord } from '../../lib/core/reward-model/run-record';
import { linearModel } from './model-fixture';

const split = (n: number, accuracy: number | null) => ({
  n,
  accuracy,
  logLoss: accuracy === null ? null : 0.6,
  calibration: null,
  byStrength: [],
  trl: null,
});

/** A trained linear run on `datasetId` (weights `w0` on the first feature, zeros elsewhere). */
export function validRun(id: string, datasetId: string, over: Partial<RunRecord> = {}, w0 = 0.5): RunRecord {
  const w = new Array<number>(FEATURE_DIM).fill(0);
  w[0] = w0;
  return {
    id,
    datasetId,
    createdAt: 9,
    name: `run ${id}`,
    config: makeRunExperiment(datasetId, []),
    metrics: {
      heldOut: split(2, 0.5),
      train: split(4, 0.75),
      history: [{ epoch: 1, loss: 0.69, trainAccuracy: 0.5, valAccuracy: null, valLoss: null }],
      backend: 'cpu',
      rewardMean: 0,
      rewardStd: 1,
      labels: 1,
    },
    labelIds: ['c1'],
    model: linearModel(w, {
      metrics: {
        train: { accuracy: 0.75, logLoss: 0.6, n: 4 },
        val: { accuracy: 0.5, logLoss: 0.6, n: 2 },
        epochs: 1,
      },
      trainedOn: { n: 4 },
      createdAt: 9,
    }),
    ...over,
  };
}
