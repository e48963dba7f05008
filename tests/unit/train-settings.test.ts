// The one table of training settings (lib/core/reward-model/settings.ts): the zod schema accepts exactly
// the ranges written here by hand (today's accepted values), the defaults are today's, `goodhart train
// --help` lists every setting with its label and range, and an out-of-range flag gives the table's
// message and writes no model.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../cli/main';
import {
  DEFAULT_TRAIN_CONFIG,
  TrainConfigSchema,
  validateTrainConfig,
} from '../../lib/core/reward-model/model-file';
import {
  TRAIN_SETTINGS,
  TRAIN_SETTING_KEYS,
  parseSettingText,
  rangeText,
  trainSetting,
  type TrainSettingKey,
} from '../../lib/core/reward-model/settings';

/** Per numeric setting: values just inside its range and values just outside (or of the wrong kind). */
const NUMERIC: Record<string, { inside: number[]; outside: number[]; range: string }> = {
  hiddenUnits: { inside: [1, 4096], outside: [0, -1, 1.5], range: 'an integer ≥ 1' },
  epochs: { inside: [1, 100000], outside: [0, 2.5], range: 'an integer ≥ 1' },
  learningRate: { inside: [1e-12, 1e30], outside: [0, -0.01], range: 'a number > 0' },
  l2: { inside: [0, 100], outside: [-1e-9], range: 'a number ≥ 0' },
  batchSize: { inside: [1, 1 << 20], outside: [0, 63.5], range: 'an integer ≥ 1' },
  centerRewardsCoefficient: { inside: [0, 5], outside: [-0.1], range: 'a number ≥ 0' },
  valFraction: { inside: [0, 0.9], outside: [-0.01, 0.91], range: 'a number from 0 to 0.9' },
  seed: { inside: [-(2 ** 31), 0, 2 ** 40], outside: [0.5], range: 'an integer' },
  patience: { inside: [0, 50], outside: [-1, 0.5], range: 'an integer ≥ 0' },
};
const CHOICES: Record<string, string[]> = {
  features: ['style+hashed', 'use', 'use+style+hashed', 'hashed'],
  model: ['linear', 'mlp'],
  solver: ['lbfgs', 'adam'],
  activation: ['relu', 'tanh'],
  marginPreset: ['none', 'llama2'],
  ties: ['drop', 'half', 'davidson'],
};

describe('the training settings table', () => {
  it('has every TrainConfig key once, with the defaults training has always used', () => {
    expect([...TRAIN_SETTING_KEYS].sort()).toEqual([...Object.keys(NUMERIC), ...Object.keys(CHOICES)].sort());
    expect(DEFAULT_TRAIN_CONFIG).toEqual({
      features: 'style+hashed',
      model: 'linear',
      solver: 'lbfgs',
      hiddenUnits: 32,
      activation: 'relu',
      epochs: 30,
      batchSize: 64,
      learningRate: 0.01,
      l2: 1e-3,
      marginPreset: 'none',
      ties: 'half',
      centerRewardsCoefficient: 0,
      valFraction: 0.2,
      seed: 1,
      patience: 0,
    });
    const flags = TRAIN_SETTING_KEYS.map((k) => TRAIN_SETTINGS[k].flag);
    const labels = TRAIN_SETTING_KEYS.map((k) => TRAIN_SETTINGS[k].label);
    expect(new Set(flags).size).toBe(flags.length);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each(Object.entries(NUMERIC))(
    'the schema accepts exactly the range of %s',
    (key, { inside, outside, range }) => {
      const k = key as TrainSettingKey;
      expect(rangeText(trainSetting(k))).toBe(range);
      for (const v of inside) {
        const r = validateTrainConfig({ [k]: v });
        expect(r, `${key} = ${v}`).toEqual({ ok: true, config: { ...DEFAULT_TRAIN_CONFIG, [k]: v } });
      }
      for (const v of [...outside, NaN, Infinity]) {
        expect(validateTrainConfig({ [k]: v }), `${key} = ${v}`).toEqual({
          ok: false,
          errors: [`${key}: expected ${range}, got ${v}`],
        });
      }
      expect(TrainConfigSchema.safeParse({ ...DEFAULT_TRAIN_CONFIG, [k]: String(inside[0]) }).success).toBe(
        false,
      );
    },
  );

  it.each(Object.entries(CHOICES))('the schema accepts exactly the choices of %s', (key, values) => {
    const k = key as TrainSettingKey;
    for (const v of values) expect(validateTrainConfig({ [k]: v }).ok).toBe(true);
    const or =
      values.length === 2 ? values.join(' or ') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
    expect(validateTrainConfig({ [k]: 'forest' })).toEqual({
      ok: false,
      errors: [`${key}: expected ${or}, got "forest"`],
    });
  });

  it('reads text as a CLI flag or a form field does', () => {
    expect(parseSettingText('epochs', '12')).toEqual({ ok: true, value: 12 });
    expect(parseSettingText('learningRate', '1e-3')).toEqual({ ok: true, value: 0.001 });
    expect(parseSettingText('ties', 'davidson')).toEqual({ ok: true, value: 'davidson' });
    expect(parseSettingText('epochs', 'many')).toEqual({
      ok: false,
      message: 'expected an integer, got "many"',
    });
    expect(parseSettingText('l2', '')).toEqual({ ok: false, message: 'expected a number, got ""' });
    expect(parseSettingText('epochs', '0')).toEqual({
      ok: false,
      message: 'expected an integer ≥ 1, got "0"',
    });
    expect(parseSettingText('ties', 'constructor')).toEqual({
      ok: false,
      message: 'expected drop, half or davidson, got "constructor"',
    });
  });
});

describe('goodhart train flags from the table', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'goodhart-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  it('--help lists every setting with its flag, label, range and default', async () => {
    const r = await cli('train', '--help');
    expect(r.code).toBe(0);
    const help = r.out.join('\n');
    for (const key of TRAIN_SETTING_KEYS) {
      const s = trainSetting(key);
      const line = help.split('\n').find((l) => l.trimStart().startsWith(`--${s.flag} `));
      expect(line, key).toBeDefined();
      expect(line).toContain(`${s.label}: `);
      expect(line).toContain(`default ${s.default}`);
      if (s.kind !== 'choice') expect(line).toContain(rangeText(s));
      else for (const v of Object.keys(s.choices)) expect(line).toContain(v);
    }
    expect(help).toMatch(
      /--epochs N +Epochs: an integer ≥ 1; default 30\n +Passes over the training labels \(Adam only\)\./,
    );
    expect(help).toMatch(/--val X +Validation share: a number from 0 to 0\.9; default 0\.2/);
    expect(help).toMatch(/--ties drop\|half\|davidson +Ties: drop, half \(half a win each way\), davidson/);
  });

  it('an out-of-range flag gives the table message, all at once, and writes no model', async () => {
    const pairs = path.join(dir, 'pairs.jsonl');
    writeFileSync(pairs, JSON.stringify({ prompt: 'p', chosen: 'a', rejected: 'b' }) + '\n');
    const out = path.join(dir, 'model.json');
    const r = await cli('train', pairs, '--out', out, '--epochs', '0', '--val', '0.95', '--lr', '0');
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      '--epochs: expected an integer ≥ 1, got "0"',
      '--lr: expected a number > 0, got "0"',
      '--val: expected a number from 0 to 0.9, got "0.95"',
    ]);
    const t = await cli('train', pairs, '--out', out, '--ties', 'maybe');
    expect(t.err).toEqual(['--ties: expected drop, half or davidson, got "maybe"']);
    const p = await cli('train', pairs, '--out', out, '--patience', '-2', '--center-rewards', '-1');
    expect(p.err).toEqual([
      '--center-rewards: expected a number ≥ 0, got "-1"',
      '--patience: expected an integer ≥ 0, got "-2"',
    ]);
    expect(existsSync(out)).toBe(false);
  });
});
