'use client';
/** Model and hyperparameters for a training run, each with a one-line explanation and a good default. */
import type { TrainConfig } from '@/lib/core/reward-model/model-file';
import { DEFAULT_TRAIN_CONFIG } from '@/lib/core/reward-model/model-file';

type Field =
  | {
      key: keyof TrainConfig;
      label: string;
      help: string;
      kind: 'number';
      step: string;
      min?: number;
      max?: number;
    }
  | { key: keyof TrainConfig; label: string; help: string; kind: 'select'; options: [string, string][] };

const FIELDS: Field[] = [
  {
    key: 'model',
    label: 'Model',
    help: 'Linear: reward = weighted sum of features (easy to explain). MLP: one hidden layer.',
    kind: 'select',
    options: [
      ['linear', 'linear'],
      ['mlp', 'small MLP'],
    ],
  },
  {
    key: 'hiddenUnits',
    label: 'Hidden units',
    help: 'Size of the MLP hidden layer (MLP only).',
    kind: 'number',
    step: '1',
    min: 1,
    max: 512,
  },
  {
    key: 'epochs',
    label: 'Epochs',
    help: 'Passes over the training labels.',
    kind: 'number',
    step: '1',
    min: 1,
    max: 1000,
  },
  {
    key: 'learningRate',
    label: 'Learning rate',
    help: 'Adam step size; lower it if training diverges.',
    kind: 'number',
    step: 'any',
    min: 0,
  },
  {
    key: 'l2',
    label: 'L2',
    help: 'Weight penalty: larger = simpler model, less overfitting to few labels.',
    kind: 'number',
    step: 'any',
    min: 0,
  },
  {
    key: 'batchSize',
    label: 'Batch size',
    help: 'Labels per gradient step.',
    kind: 'number',
    step: '1',
    min: 1,
  },
  {
    key: 'marginPreset',
    label: 'Margins',
    help: 'Llama-2 style: "much better" labels must win by a margin in the loss.',
    kind: 'select',
    options: [
      ['none', 'none'],
      ['llama2', 'Llama-2 (from strength)'],
    ],
  },
  {
    key: 'ties',
    label: 'Ties',
    help: 'Drop ties, count them as half a win each way, or model them (Davidson).',
    kind: 'select',
    options: [
      ['drop', 'drop'],
      ['half', 'half a win each way'],
      ['davidson', 'Davidson'],
    ],
  },
  {
    key: 'centerRewardsCoefficient',
    label: 'Reward centring',
    help: "TRL's center_rewards_coefficient: pulls the mean reward towards 0.",
    kind: 'number',
    step: 'any',
    min: 0,
  },
  {
    key: 'valFraction',
    label: 'Validation share',
    help: 'Share of prompts held out (no prompt in both splits).',
    kind: 'number',
    step: '0.05',
    min: 0,
    max: 0.9,
  },
  { key: 'seed', label: 'Seed', help: 'Same seed, same labels → the same curve.', kind: 'number', step: '1' },
  {
    key: 'patience',
    label: 'Early stopping',
    help: 'Stop after this many epochs without a better validation loss (0 = off).',
    kind: 'number',
    step: '1',
    min: 0,
  },
];

export function ConfigForm({
  value,
  onChange,
  disabled,
}: {
  value: TrainConfig;
  onChange: (c: TrainConfig) => void;
  disabled?: boolean;
}) {
  return (
    <fieldset disabled={disabled} className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
      <legend className="sr-only">Model and hyperparameters</legend>
      {FIELDS.filter((f) => f.key !== 'hiddenUnits' || value.model === 'mlp').map((f) => {
        const id = `cfg-${f.key}`;
        const current = value[f.key];
        return (
          <div key={f.key}>
            <label htmlFor={id} className="block text-sm font-medium">
              {f.label}
            </label>
            {f.kind === 'select' ? (
              <select
                id={id}
                value={String(current)}
                onChange={(e) => onChange({ ...value, [f.key]: e.target.value })}
                aria-describedby={`${id}-help`}
                className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
              >
                {f.options.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                type="number"
                step={f.step}
                min={f.min}
                max={f.max}
                value={Number.isFinite(current as number) ? String(current) : ''}
                onChange={(e) => {
                  const n = e.target.value === '' ? NaN : Number(e.target.value);
                  onChange({ ...value, [f.key]: Number.isNaN(n) ? DEFAULT_TRAIN_CONFIG[f.key] : n });
                }}
                aria-describedby={`${id}-help`}
                className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
              />
            )}
            <p id={`${id}-help`} className="mt-0.5 text-xs text-slate-700 dark:text-slate-300">
              {f.help}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}
