// Sweep specs (pure): value grids against hand-computed values, categorical knobs, applying one knob to a
// base config without touching anything else, the best-of-n gold peak, the shipped preset, and which
// studies need TF.js or the sentence encoder.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG } from '../../lib/core/reward-model/model-file';
import { RATER_PRESETS } from '../../lib/core/labeling/raters';
import { DEFAULT_OPTIMIZER_SETTINGS } from '../../lib/core/goodhart/optimize/settings';
import {
  applyKnob,
  baseSettings,
  goldPeakOf,
  KNOB_IDS,
  KNOBS,
  knobAxisName,
  PRESET_FACT_CHECK_SWEEP,
  DEFAULT_ACTIVE_LEARNING,
  studyNeedsTfjs,
  studyTrainConfigs,
  studyUsesEncoder,
  sweepValues,
  valueGrid,
  type RunSettings,
} from '../../lib/core/playground/sweep';

describe('valueGrid', () => {
  it('spaces linear grids evenly, ends included', () => {
    expect(valueGrid(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(valueGrid(0, 1, 11)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(valueGrid(2, -2, 3)).toEqual([2, 0, -2]);
    expect(valueGrid(0.3, 0.9, 1)).toEqual([0.3]);
  });

  it('spaces log grids geometrically', () => {
    expect(valueGrid(0.1, 10, 3, 'log')).toEqual([0.1, 1, 10]);
    expect(valueGrid(1e-4, 1, 5, 'log')).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1]);
  });

  it('rounds integer grids and drops repeats', () => {
    expect(valueGrid(50, 1000, 3, 'log', true)).toEqual([50, 224, 1000]); // √(50·1000) = 223.6
    expect(valueGrid(1, 2, 5, 'linear', true)).toEqual([1, 2]); // 1, 1.25→1, 1.5→2, 1.75→2, 2
  });

  it('refuses bad grids', () => {
    expect(() => valueGrid(0, 1, 0)).toThrow(RangeError);
    expect(() => valueGrid(0, 1, 2.5)).toThrow(RangeError);
    expect(() => valueGrid(0, 1, 3, 'log')).toThrow(RangeError);
    expect(() => valueGrid(0, Infinity, 3)).toThrow(RangeError);
  });
});

describe('knobs', () => {
  it('every knob has a label, unit, range and default range inside it', () => {
    for (const id of KNOB_IDS) {
      const k = KNOBS[id];
      expect(k.id).toBe(id);
      expect(k.min).toBeLessThanOrEqual(k.from);
      expect(k.to).toBeLessThanOrEqual(k.max);
      expect(knobAxisName(id)).toContain(k.label);
      expect(() => sweepValues({ knob: id, from: k.from, to: k.to, points: 4, labels: 100 })).not.toThrow();
    }
  });

  it('categorical knobs visit exactly their choices', () => {
    expect(sweepValues({ knob: 'modelSize', from: 0, to: 0, points: 1, labels: 100 })).toEqual([
      0, 8, 32, 128,
    ]);
    expect(sweepValues({ knob: 'marginPreset', from: 0, to: 0, points: 9, labels: 100 })).toEqual([0, 1]);
  });
});

describe('applyKnob', () => {
  const base: RunSettings = {
    rater: { ...RATER_PRESETS.hurried.knobs },
    train: { ...DEFAULT_TRAIN_CONFIG },
    labels: 500,
    optimizer: { ...DEFAULT_OPTIMIZER_SETTINGS },
  };
  const frozen = JSON.stringify(base);

  it('changes exactly one setting and leaves the base untouched', () => {
    const s = applyKnob(base, 'pFactCheck', 0.7);
    expect(s).toEqual({ ...base, rater: { ...base.rater, pFactCheck: 0.7 } });
    expect(applyKnob(base, 'beta', 4).rater.beta).toBe(4);
    expect(applyKnob(base, 'l2', 0.5)).toEqual({ ...base, train: { ...base.train, l2: 0.5 } });
    expect(applyKnob(base, 'labels', 120.4)).toEqual({ ...base, labels: 120 });
    expect(JSON.stringify(base)).toBe(frozen);
  });

  it('maps model size and margin preset to training settings', () => {
    expect(applyKnob(base, 'modelSize', 0).train.model).toBe('linear');
    expect(applyKnob(base, 'modelSize', 128).train).toEqual({
      ...base.train,
      model: 'mlp',
      hiddenUnits: 128,
    });
    expect(applyKnob(base, 'marginPreset', 1).train.marginPreset).toBe('llama2');
    expect(applyKnob(base, 'marginPreset', 0).train.marginPreset).toBe('none');
  });
});

describe('applyKnob on the optimiser knobs', () => {
  const base: RunSettings = {
    rater: { ...RATER_PRESETS.hurried.knobs },
    train: { ...DEFAULT_TRAIN_CONFIG },
    labels: 500,
    optimizer: { ...DEFAULT_OPTIMIZER_SETTINGS },
  };
  const opt = (knob: Parameters<typeof applyKnob>[1], v: number) => applyKnob(base, knob, v).optimizer;

  it('changes only the optimiser: β, style control and centring switch as the value says', () => {
    const s = applyKnob(base, 'klCoef', 0.3);
    expect(s).toEqual({ ...base, optimizer: { ...base.optimizer, klCoef: 0.3 } });
    expect(opt('styleControl', 1).styleControl).toBe(true);
    expect(opt('styleControl', 0).styleControl).toBe(false);
    expect(opt('centring', 1)).toEqual({ ...base.optimizer, centring: true });
  });

  it('an ensemble knob turns the ensemble on with 3 members; k implies mean − k·sd', () => {
    expect(opt('ensembleK', 1.5)).toEqual({
      ...base.optimizer,
      ensembleMembers: 3,
      ensembleCombine: 'mean-sd',
      ensembleK: 1.5,
    });
    expect(opt('ensembleCombine', 1).ensembleCombine).toBe('min');
    expect(opt('ensembleCombine', 0).ensembleCombine).toBe('mean-sd');
    const five = applyKnob({ ...base, optimizer: { ...base.optimizer, ensembleMembers: 5 } }, 'ensembleK', 0);
    expect(five.optimizer.ensembleMembers).toBe(5);
  });

  it('the on/off and combination knobs visit their choices', () => {
    expect(sweepValues({ knob: 'styleControl', from: 0, to: 0, points: 5, labels: 10 })).toEqual([0, 1]);
    expect(sweepValues({ knob: 'ensembleCombine', from: 0, to: 0, points: 5, labels: 10 })).toEqual([0, 1]);
    expect(sweepValues({ knob: 'klCoef', from: 0.01, to: 1, points: 3, labels: 10 })).toEqual([0.01, 0.1, 1]);
    expect(KNOBS.klCoef.kind).toBe('optimizer');
    expect(KNOBS.ensembleCombine.choices!.map((c) => c.label)).toEqual(['mean − k·sd', 'minimum']);
  });
});

describe('goldPeakOf', () => {
  it('is the highest gold and the first n where it occurs', () => {
    const curve = [
      { n: 1, gold: 0.5 },
      { n: 2, gold: 0.7 },
      { n: 3, gold: null },
      { n: 4, gold: 0.7 },
      { n: 5, gold: 0.6 },
    ];
    expect(goldPeakOf(curve)).toEqual({ gold: 0.7, n: 2 });
    expect(goldPeakOf([{ n: 1, gold: null }])).toEqual({ gold: null, n: null });
    expect(goldPeakOf([])).toEqual({ gold: null, n: null });
  });
});

describe('the preset sweep', () => {
  it('is pFactCheck 0 → 1 in 10 points, hurried rater, 500 labels, demo, default training, seed 1', () => {
    const p = PRESET_FACT_CHECK_SWEEP;
    expect(p.study).toEqual({ kind: 'sweep', knob: 'pFactCheck', from: 0, to: 1, points: 10, labels: 500 });
    const values = sweepValues(p.study as Extract<typeof p.study, { kind: 'sweep' }>);
    expect(values).toHaveLength(10);
    values.forEach((v, i) => expect(v).toBeCloseTo(i / 9, 10));
    expect(p.datasetId).toBe('demo');
    expect(p.train).toEqual(DEFAULT_TRAIN_CONFIG);
    expect(baseSettings(p)).toEqual({
      rater: RATER_PRESETS.hurried.knobs,
      train: DEFAULT_TRAIN_CONFIG,
      labels: 500,
      optimizer: DEFAULT_OPTIMIZER_SETTINGS,
    });
    expect(p.optimizer).toBeUndefined();
  });
});

describe('what a study needs', () => {
  const sweep = PRESET_FACT_CHECK_SWEEP;
  const al = { ...sweep, study: { kind: 'active-learning' as const, ...DEFAULT_ACTIVE_LEARNING } };
  it('the exact solver needs no TF.js; Adam, or an MLP at any sweep point, does', () => {
    expect(studyNeedsTfjs(sweep)).toBe(false);
    expect(studyNeedsTfjs({ ...sweep, train: { ...sweep.train, solver: 'adam' } })).toBe(true);
    // A model-size sweep visits linear (0) then MLPs (8, 32, 128): the MLPs train with Adam.
    const sizes = { ...sweep, study: { ...sweep.study, knob: 'modelSize' as const, from: 0, to: 3 } };
    expect(studyTrainConfigs(sizes).map((t) => t.model)).toEqual(['linear', 'mlp', 'mlp', 'mlp']);
    expect(studyNeedsTfjs(sizes)).toBe(true);
    expect(studyNeedsTfjs(al)).toBe(false);
    expect(studyNeedsTfjs({ ...al, train: { ...al.train, solver: 'adam' } })).toBe(true);
  });

  it('active learning trains the linear model on every label, with its own epochs', () => {
    const [cfg] = studyTrainConfigs({ ...al, train: { ...al.train, model: 'mlp' } });
    expect(cfg).toMatchObject({
      model: 'linear',
      epochs: DEFAULT_ACTIVE_LEARNING.epochs,
      valFraction: 0,
      patience: 0,
    });
  });

  it('a features sweep uses the encoder; the preset does not', () => {
    expect(studyUsesEncoder(sweep)).toBe(false);
    const sets = { ...sweep, study: { ...sweep.study, knob: 'features' as const, from: 0, to: 3 } };
    expect(studyTrainConfigs(sets).map((t) => t.features)).toEqual([
      'style+hashed',
      'use',
      'use+style+hashed',
      'hashed',
    ]);
    expect(studyUsesEncoder(sets)).toBe(true);
  });
});
