// The playground's share links carry the training solver: a link or file with solver = adam or lbfgs
// reads back the same, an older link written before the field existed reads as the settings default
// (L-BFGS), and an unknown solver is refused with the table's message.
import { describe, expect, it } from 'vitest';
import { TRAIN_SETTINGS } from '../../lib/core/reward-model/settings';
import {
  decodeExperimentHash,
  encodeExperimentHash,
  parseExperimentText,
  toBase64Url,
} from '../../lib/core/playground/share';
import { PRESET_FACT_CHECK_SWEEP, type PlaygroundExperiment } from '../../lib/core/playground/sweep';

const withSolver = (solver: 'lbfgs' | 'adam'): PlaygroundExperiment => ({
  ...PRESET_FACT_CHECK_SWEEP,
  train: { ...PRESET_FACT_CHECK_SWEEP.train, solver, epochs: 7 },
});

describe('share links and the solver', () => {
  it('round-trips either solver through a link', () => {
    for (const solver of ['adam', 'lbfgs'] as const) {
      const exp = withSolver(solver);
      const r = decodeExperimentHash(encodeExperimentHash(exp));
      expect(r).toEqual({ ok: true, experiment: exp });
      if (r?.ok) expect(r.experiment.train.solver).toBe(solver);
    }
  });

  it('reads a link without the field as the settings default (L-BFGS)', () => {
    const { solver: _dropped, ...older } = withSolver('adam').train;
    void _dropped;
    const json = JSON.stringify({ ...PRESET_FACT_CHECK_SWEEP, train: older });
    expect(json).not.toContain('solver');
    const r = decodeExperimentHash(`#x=${toBase64Url(json)}`);
    expect(TRAIN_SETTINGS.solver.default).toBe('lbfgs');
    expect(r).toEqual({
      ok: true,
      experiment: { ...PRESET_FACT_CHECK_SWEEP, train: { ...older, solver: 'lbfgs' } },
    });
  });

  it('refuses an unknown solver with the table message', () => {
    const r = parseExperimentText(
      JSON.stringify({
        ...PRESET_FACT_CHECK_SWEEP,
        train: { ...PRESET_FACT_CHECK_SWEEP.train, solver: 'sgd' },
      }),
    );
    expect(r).toEqual({ ok: false, errors: ['train.solver: expected lbfgs or adam, got "sgd"'] });
  });
});
