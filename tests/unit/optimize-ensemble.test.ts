// The conservative ensemble honours the caller's settings: how many members, the combination and k of
// mean − k·sd (mitigate() used to drop k, so every ensemble was mean − 1·sd over every member given).
// Expected values are worked by hand on three members' rewards over three texts.
import { describe, expect, it } from 'vitest';
import { mitigate, type EnsembleChoice } from '../../lib/core/goodhart/optimize/mitigations';
import {
  DEFAULT_OPTIMIZER_SETTINGS,
  ENSEMBLE_ON,
  MAX_BON_STEPS,
  OPTIMIZER_SETTINGS as OPT,
  mitigatedRun,
  optimizerSettingsProblems,
  stepsRange,
} from '../../lib/core/goodhart/optimize/settings';
import type { ActionTable } from '../../lib/core/goodhart/optimize/table';
import { formatKnobValue } from '../../lib/core/playground/sweep';

// Per text: {1, 3, 2} (mean 2, population sd √(2/3)), {0, 0, 6} (mean 2, sd √8 = 2√2), {5, 5, 5} (sd 0).
const A = [1, 0, 5];
const B = [3, 0, 5];
const C = [2, 6, 5];
const MEMBERS = [A, B, C];
// The ensemble reads only the members' rewards; no other part of the table is touched.
const TABLE = { rewards: Float64Array.from(A) } as unknown as ActionTable;
const OPTS = { method: 'rl' as const };

const ens = (choice: EnsembleChoice) =>
  Array.from(mitigate(TABLE, A, 'ensemble', OPTS, MEMBERS, choice).rewards);

describe('mitigate: the ensemble as the caller sets it', () => {
  it('k = 2 over 3 members is mean − 2·sd, not the old mean − 1·sd', () => {
    const got = ens({ members: 3, combine: 'mean-sd', k: 2 });
    const want = [2 - 2 * Math.sqrt(2 / 3), 2 - 2 * 2 * Math.SQRT2, 5];
    got.forEach((x, i) => expect(x).toBeCloseTo(want[i], 12));
    const oldK1 = [2 - Math.sqrt(2 / 3), 2 - 2 * Math.SQRT2, 5];
    expect(got[0]).not.toBeCloseTo(oldK1[0], 3);
    expect(got[1]).not.toBeCloseTo(oldK1[1], 3);
  });

  it('k = 0 is the plain mean', () => {
    expect(ens({ members: 3, combine: 'mean-sd', k: 0 })).toEqual([2, 2, 5]);
  });

  it('2 members of the 3 given: only the first two (the model first) are combined', () => {
    // {1, 3}: mean 2, sd 1 → 2 − 2·1 = 0; {0, 0}: 0; {5, 5}: 5.
    expect(ens({ members: 2, combine: 'mean-sd', k: 2 })).toEqual([0, 0, 5]);
    // The minimum of the first two members, then of all three.
    expect(ens({ members: 2, combine: 'min', k: 2 })).toEqual([1, 0, 5]);
    expect(ens({ members: 3, combine: 'min', k: 0 })).toEqual([1, 0, 5]);
  });

  it('matches mitigatedRun (the playground’s path) for the same settings', () => {
    const s = {
      ...DEFAULT_OPTIMIZER_SETTINGS,
      ensembleMembers: 2,
      ensembleCombine: 'mean-sd' as const,
      ensembleK: 2,
    };
    expect(Array.from(mitigatedRun(TABLE, s, 1, MEMBERS).rewards)).toEqual([0, 0, 5]);
  });

  it('refuses an ensemble without settings, of one member, or with fewer members than asked', () => {
    expect(() => mitigate(TABLE, A, 'ensemble', OPTS, MEMBERS)).toThrow(/size, combination and k/);
    expect(() => ens({ members: 1, combine: 'mean-sd', k: 1 })).toThrow(/at least two members/);
    expect(() => ens({ members: 4, combine: 'mean-sd', k: 1 })).toThrow(/needs 4 members, got 3/);
  });

  it('leaves the rewards alone for the other mitigations', () => {
    expect(mitigate(TABLE, A, 'none', OPTS, MEMBERS, ENSEMBLE_ON).rewards).toBe(A);
  });
});

describe('the optimiser settings table is one home', () => {
  it('the ensemble switched on (/optimize’s lab, a sweep knob) is within the table’s ranges', () => {
    expect(ENSEMBLE_ON).toEqual({ members: 3, combine: 'mean-sd', k: 1 });
    expect(
      optimizerSettingsProblems({
        ...DEFAULT_OPTIMIZER_SETTINGS,
        ensembleMembers: ENSEMBLE_ON.members,
        ensembleCombine: ENSEMBLE_ON.combine,
        ensembleK: ENSEMBLE_ON.k,
      }),
    ).toEqual([]);
    expect(Object.keys(OPT.ensembleCombine.choices)).toContain(ENSEMBLE_ON.combine);
  });

  it('each optimiser’s steps field ends where the settings’ problems begin', () => {
    for (const method of ['rl', 'bon'] as const) {
      const r = stepsRange(method);
      const at = (steps: number) =>
        optimizerSettingsProblems({ ...DEFAULT_OPTIMIZER_SETTINGS, method, steps });
      expect(at(r.min)).toEqual([]);
      expect(at(r.max)).toEqual([]);
      expect(at(r.max + 1)).not.toEqual([]);
    }
    expect(stepsRange('bon')).toMatchObject({ label: 'Doublings of n', min: 0, max: MAX_BON_STEPS });
    expect(stepsRange('rl')).toMatchObject({ label: 'Steps', min: 0, max: OPT.steps.max });
  });
});

describe('formatKnobValue (shared by the sweep and optimiser results)', () => {
  it('names a categorical knob’s choice and rounds a number to 4 significant digits', () => {
    expect(formatKnobValue('ensembleCombine', 1)).toBe('minimum');
    expect(formatKnobValue('klCoef', 0.0316227766)).toBe('0.03162');
  });
});
