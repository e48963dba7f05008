// Which training settings a run does not read, as the /train and playground forms show them: Adam's four
// (their help says "Adam only") while the linear model uses the exact solver, the MLP's own for the linear
// model, the solver for the MLP; everything else always applies.
import { describe, expect, it } from 'vitest';
import { TRAIN_SETTING_KEYS, settingUnusedReason, trainSetting } from '../../lib/core/reward-model/settings';

const unused = (model: 'linear' | 'mlp', solver: 'lbfgs' | 'adam') =>
  TRAIN_SETTING_KEYS.filter((k) => settingUnusedReason(k, { model, solver }) !== null);

describe('settingUnusedReason', () => {
  it('names the settings each model and solver leaves unread', () => {
    expect(unused('linear', 'lbfgs')).toEqual([
      'hiddenUnits',
      'activation',
      'epochs',
      'learningRate',
      'batchSize',
      'patience',
    ]);
    expect(unused('linear', 'adam')).toEqual(['hiddenUnits', 'activation']);
    // The MLP always trains with Adam: its solver field says nothing, Adam's settings all apply.
    expect(unused('mlp', 'lbfgs')).toEqual(['solver']);
    expect(unused('mlp', 'adam')).toEqual(['solver']);
  });

  it('says why, and marks exactly the rows whose help says "Adam only"', () => {
    const cfg = { model: 'linear', solver: 'lbfgs' } as const;
    expect(settingUnusedReason('learningRate', cfg)).toBe('used by Adam only');
    expect(settingUnusedReason('hiddenUnits', cfg)).toBe('used by the MLP only');
    expect(settingUnusedReason('solver', { model: 'mlp', solver: 'lbfgs' })).toBe(
      'the MLP always trains with Adam',
    );
    const adamHelp = TRAIN_SETTING_KEYS.filter((k) => /Adam only/.test(trainSetting(k).help));
    expect(adamHelp).toEqual(['epochs', 'learningRate', 'batchSize', 'patience']);
    for (const k of adamHelp) expect(settingUnusedReason(k, cfg)).toBe('used by Adam only');
  });
});
