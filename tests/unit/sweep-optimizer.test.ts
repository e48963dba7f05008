// Sweeps of the optimiser's knobs on the demo pack (hurried rater, 500 labels, seed 1, CPU backend), through
// lib/ml/sweep.ts: a stronger KL coefficient β stops RL at a smaller KL (monotone over the sweep), style
// control changes where best-of-n's gold ends (from about 2% to about 60% on the hurried rater's model, as
// the fix-it lab's figures say), a larger ensemble k lowers the conservative reward pointwise, and the
// reward model is trained once for the whole sweep.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIMIZER_SETTINGS } from '../../lib/core/goodhart/optimize/settings';
import {
  PRESET_FACT_CHECK_SWEEP,
  type PlaygroundExperiment,
  type SweepPoint,
} from '../../lib/core/playground/sweep';
import { startCpuBackend } from '../../lib/ml/backend';
import { runSweep } from '../../lib/ml/sweep';
import { demo } from './optimize-fixture';

const base = (
  study: Extract<PlaygroundExperiment['study'], { kind: 'sweep' }>,
  rl = false,
): PlaygroundExperiment => ({
  ...PRESET_FACT_CHECK_SWEEP,
  optimizer: { ...DEFAULT_OPTIMIZER_SETTINGS, ...(rl ? { method: 'rl' as const, steps: 150 } : {}) },
  study,
});

let kl: SweepPoint[];
let style: SweepPoint[];
let ensemble: SweepPoint[];

beforeAll(async () => {
  await startCpuBackend();
  kl = await runSweep(
    demo,
    base({ kind: 'sweep', knob: 'klCoef', from: 0.01, to: 1, points: 3, labels: 500 }, true),
  );
  style = await runSweep(
    demo,
    base({ kind: 'sweep', knob: 'styleControl', from: 0, to: 1, points: 2, labels: 500 }),
  );
  ensemble = await runSweep(
    demo,
    base({ kind: 'sweep', knob: 'ensembleK', from: 0, to: 2, points: 2, labels: 500 }),
  );
}, 180_000);

describe('sweeping the optimiser against the hurried rater’s model', () => {
  it('every point has an outcome, and the reward model is the same at every point', () => {
    for (const sweep of [kl, style, ensemble]) {
      for (const p of sweep) {
        expect(p.optimizer).toBeDefined();
        expect(p.optimizer!.goldStart).toBeCloseTo(0.49, 2);
        expect(p.wrongPreferredRate).toBe(sweep[0].wrongPreferredRate);
        expect(p.heldOutAccuracy).toBe(sweep[0].heldOutAccuracy);
      }
    }
  });

  it('β 0.01 → 0.1 → 1: the KL reached falls strictly, and the proxy gain with it', () => {
    expect(kl.map((p) => p.value)).toEqual([0.01, 0.1, 1]);
    const kls = kl.map((p) => p.optimizer!.kl);
    for (let i = 1; i < kls.length; i++) expect(kls[i]).toBeLessThan(kls[i - 1]);
    expect(kl[2].optimizer!.proxyGain).toBeLessThan(kl[0].optimizer!.proxyGain);
  });

  it('style control on: best-of-n ends with far more gold (2% off, about 60% on)', () => {
    const [off, on] = style.map((p) => p.optimizer!);
    expect(off.goldEnd!).toBeLessThan(0.1);
    expect(on.goldEnd!).toBeGreaterThan(0.5);
    expect(off.proxyGain).toBeGreaterThan(2);
    expect(on.proxyGain).toBeGreaterThan(0);
  });

  it('ensemble k 0 → 2: mean − k·sd is lower at every text, so the base policy’s expected reward falls', () => {
    const [k0, k2] = ensemble.map((p) => p.optimizer!);
    expect(k2.proxyStart).toBeLessThan(k0.proxyStart);
  });
});
