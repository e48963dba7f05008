// Shareable experiments: base64url against hand-encoded bytes, link and file round trips for arbitrary
// valid experiments (fast-check), and clear rejection of damaged or invalid links and files.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG } from '../../lib/core/reward-model/model-file';
import {
  decodeExperimentHash,
  encodeExperimentHash,
  experimentFileText,
  fromBase64Url,
  parseExperimentText,
  toBase64Url,
} from '../../lib/core/playground/share';
import { PRESET_FACT_CHECK_SWEEP, type PlaygroundExperiment } from '../../lib/core/playground/sweep';

describe('base64url', () => {
  it('matches RFC 4648 by hand', () => {
    expect(toBase64Url('hello')).toBe('aGVsbG8'); // "aGVsbG8=" without padding
    expect(toBase64Url('β')).toBe('zrI'); // UTF-8 CE B2 → 110011 101011 0010(00) → z r I
    expect(toBase64Url('\u00ff\u00fe')).toBe('w7_Dvg'); // C3 BF C3 BE → "w7/Dvg==": / becomes _
    expect(fromBase64Url('w7_Dvg')).toBe('\u00ff\u00fe');
    expect(() => fromBase64Url('a+b')).toThrow();
  });
});

// JSON has no −0, so generate only values a link can carry (−0 → 0).
const finite = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));

const optimizerArb = fc.record({
  method: fc.constantFrom('bon' as const, 'rl' as const),
  steps: fc.integer({ min: 0, max: 20 }),
  klCoef: finite(0, 10),
  styleControl: fc.boolean(),
  centring: fc.boolean(),
  ensembleMembers: fc.integer({ min: 1, max: 8 }),
  ensembleCombine: fc.constantFrom('mean-sd' as const, 'min' as const),
  ensembleK: finite(0, 5),
});

const experimentArb: fc.Arbitrary<PlaygroundExperiment> = fc.record(
  {
    format: fc.constant('goodhart-playground' as const),
    version: fc.constant(1 as const),
    datasetId: fc.string({ minLength: 1, maxLength: 30 }),
    rater: fc.record({
      preset: fc.constantFrom('hurried' as const, 'careful' as const),
      overrides: fc.record(
        { pFactCheck: finite(0, 1), confidenceBias: finite(-5, 5), beta: finite(0.01, 50) },
        { requiredKeys: [] },
      ),
    }),
    train: fc.record({
      features: fc.constantFrom('style+hashed' as const, 'use' as const, 'use+style+hashed' as const),
      model: fc.constantFrom('linear' as const, 'mlp' as const),
      solver: fc.constantFrom('lbfgs' as const, 'adam' as const),
      hiddenUnits: fc.integer({ min: 1, max: 256 }),
      activation: fc.constantFrom('relu' as const, 'tanh' as const),
      epochs: fc.integer({ min: 1, max: 200 }),
      batchSize: fc.integer({ min: 1, max: 512 }),
      learningRate: finite(1e-6, 1),
      l2: finite(0, 10),
      marginPreset: fc.constantFrom('none' as const, 'llama2' as const),
      ties: fc.constantFrom('drop' as const, 'half' as const, 'davidson' as const),
      centerRewardsCoefficient: finite(0, 1),
      valFraction: finite(0, 0.9),
      seed: fc.integer(),
      patience: fc.integer({ min: 0, max: 20 }),
    }),
    seed: fc.integer(),
    optimizer: optimizerArb,
    study: fc.oneof(
      fc.record({
        kind: fc.constant('sweep' as const),
        knob: fc.constantFrom(
          'pFactCheck' as const,
          'confidenceBias' as const,
          'lengthBias' as const,
          'styleControl' as const,
          'centring' as const,
          'ensembleK' as const,
          'ensembleCombine' as const,
        ),
        from: finite(0, 1),
        to: finite(0, 1),
        points: fc.integer({ min: 1, max: 50 }),
        labels: fc.integer({ min: 2, max: 20000 }),
      }),
      fc
        .record({
          kind: fc.constant('active-learning' as const),
          policies: fc.subarray(['coverage' as const, 'uncertainty' as const, 'disagreement' as const], {
            minLength: 1,
          }),
          start: fc.integer({ min: 2, max: 100 }),
          step: fc.integer({ min: 1, max: 100 }),
          extra: fc.integer({ min: 0, max: 1000 }),
          epochs: fc.integer({ min: 1, max: 500 }),
          target: finite(0, 1),
        })
        .map(({ extra, ...s }) => ({ ...s, max: s.start + extra })),
    ),
  },
  { requiredKeys: ['format', 'version', 'datasetId', 'rater', 'train', 'seed', 'study'] },
);

describe('experiment links and files', () => {
  it('round-trips any valid experiment through the URL hash and through a file', () => {
    fc.assert(
      fc.property(experimentArb, (exp) => {
        const hash = encodeExperimentHash(exp);
        expect(hash).toMatch(/^#x=[A-Za-z0-9_-]*$/);
        expect(decodeExperimentHash(hash)).toEqual({ ok: true, experiment: exp });
        expect(decodeExperimentHash(hash.slice(1))).toEqual({ ok: true, experiment: exp });
        expect(parseExperimentText(experimentFileText(exp))).toEqual({ ok: true, experiment: exp });
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips a β sweep of the RL optimiser with every mitigation on', () => {
    const exp: PlaygroundExperiment = {
      ...PRESET_FACT_CHECK_SWEEP,
      optimizer: {
        method: 'rl',
        steps: 80,
        klCoef: 0.05,
        styleControl: true,
        centring: true,
        ensembleMembers: 3,
        ensembleCombine: 'min',
        ensembleK: 1.5,
      },
      study: { kind: 'sweep', knob: 'klCoef', from: 0.01, to: 1, points: 4, labels: 300 },
    };
    expect(decodeExperimentHash(encodeExperimentHash(exp))).toEqual({ ok: true, experiment: exp });
    expect(parseExperimentText(experimentFileText(exp))).toEqual({ ok: true, experiment: exp });
  });

  it('fills training defaults for a file that lists only some settings', () => {
    const r = parseExperimentText(JSON.stringify({ ...PRESET_FACT_CHECK_SWEEP, train: { epochs: 5 } }));
    expect(r).toEqual({
      ok: true,
      experiment: { ...PRESET_FACT_CHECK_SWEEP, train: { ...DEFAULT_TRAIN_CONFIG, epochs: 5 } },
    });
  });

  it('returns null when the hash carries no experiment', () => {
    expect(decodeExperimentHash('')).toBeNull();
    expect(decodeExperimentHash('#section-2')).toBeNull();
  });

  const withHash = (value: unknown) => decodeExperimentHash(`#x=${toBase64Url(JSON.stringify(value))}`);
  const errorsOf = (r: ReturnType<typeof decodeExperimentHash>) => (r && !r.ok ? r.errors : []);
  const p = PRESET_FACT_CHECK_SWEEP;

  it.each([
    ['damaged base64', decodeExperimentHash('#x=%%%'), /damaged/],
    ['not JSON', decodeExperimentHash(`#x=${toBase64Url('{nope')}`), /invalid JSON/],
    ['another format', withHash({ ...p, format: 'goodhart-experiment' }), /^format:/],
    ['a future version', withHash({ ...p, version: 2 }), /^version:/],
    [
      'an unknown rater preset',
      withHash({ ...p, rater: { preset: 'sloppy', overrides: {} } }),
      /^rater\.preset: unknown/,
    ],
    [
      'a probability above 1',
      withHash({ ...p, rater: { preset: 'hurried', overrides: { pFactCheck: 2 } } }),
      /^rater\.overrides\.pFactCheck:/,
    ],
    [
      'an unknown rater knob',
      withHash({ ...p, rater: { preset: 'hurried', overrides: { mood: 1 } } }),
      /^rater\.overrides:/,
    ],
    ['a negative L2', withHash({ ...p, train: { ...p.train, l2: -1 } }), /^train\.l2:/],
    [
      'an unknown training setting',
      withHash({ ...p, train: { ...p.train, dropout: 0.5 } }),
      /^train\.dropout: unknown/,
    ],
    ['an unknown knob', withHash({ ...p, study: { ...p.study, knob: 'mood' } }), /^study\.knob:/],
    [
      'a sweep outside the knob range',
      withHash({ ...p, study: { ...p.study, to: 3 } }),
      /^study\.to: must be between 0 and 1/,
    ],
    ['a log sweep from 0', withHash({ ...p, study: { ...p.study, knob: 'beta', from: 0 } }), /^study\.from:/],
    [
      'a β sweep of best-of-n',
      withHash({ ...p, study: { ...p.study, knob: 'klCoef', from: 0.01, to: 1 } }),
      /^optimizer\.method: .*needs the RL optimiser/,
    ],
    [
      'an ensemble k above its range',
      withHash({
        ...p,
        optimizer: {
          method: 'bon',
          steps: 4,
          klCoef: 0.05,
          styleControl: false,
          centring: false,
          ensembleMembers: 3,
          ensembleCombine: 'mean-sd',
          ensembleK: 9,
        },
      }),
      /^optimizer\.ensembleK:/,
    ],
    [
      'best-of-n beyond n = 2^20',
      withHash({
        ...p,
        optimizer: {
          method: 'bon',
          steps: 30,
          klCoef: 0.05,
          styleControl: false,
          centring: false,
          ensembleMembers: 1,
          ensembleCombine: 'mean-sd',
          ensembleK: 1,
        },
      }),
      /^optimizer\.steps: best-of-n goes up to/,
    ],
    [
      'an unknown mitigation setting',
      withHash({ ...p, optimizer: { method: 'bon', dropout: 1 } }),
      /^optimizer/,
    ],
    ['fractional points', withHash({ ...p, study: { ...p.study, points: 2.5 } }), /^study\.points:/],
    [
      'active learning that ends before it starts',
      withHash({
        ...p,
        study: {
          kind: 'active-learning',
          policies: ['uncertainty'],
          start: 50,
          step: 10,
          max: 20,
          epochs: 5,
          target: 0.8,
        },
      }),
      /^study\.max: max must be at least start/,
    ],
    [
      'an unknown policy',
      withHash({
        ...p,
        study: {
          kind: 'active-learning',
          policies: ['psychic'],
          start: 20,
          step: 10,
          max: 40,
          epochs: 5,
          target: 0.8,
        },
      }),
      /^study\.policies\.0:/,
    ],
  ])('rejects %s with a readable message', (_name, result, pattern) => {
    expect(result?.ok).toBe(false);
    const errors = errorsOf(result);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => pattern.test(e))).toBe(true);
  });
});
