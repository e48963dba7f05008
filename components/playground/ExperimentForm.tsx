'use client';
/**
 * The playground's experiment form: dataset, simulated rater (preset and knob overrides), training
 * settings (fields made from the training settings table), seed, and the study (a sweep of one knob,
 * optionally with the optimiser and its mitigations run at each point, or an active-learning comparison
 * of policies). Edits a PlaygroundExperiment; labelled native controls.
 */
import { RATER_PRESETS, type RaterKnobs, type RaterPreset } from '@/lib/core/labeling/raters';
import {
  DEFAULT_ACTIVE_LEARNING,
  KNOB_IDS,
  activeLearningTrainConfig,
  KNOBS,
  raterKnobsOf,
  type KnobId,
  type PlaygroundExperiment,
} from '@/lib/core/playground/sweep';
import { POLICY_NAMES } from '@/lib/core/labeling/policies';
import { isolatedName, stripBidiControls } from '@/lib/core/display';
import { settingUnusedReason, trainSetting, type TrainSettingKey } from '@/lib/core/reward-model/settings';
import { SettingFields } from '@/components/train/SettingField';
import { Field, UnusedNote } from '@/components/ui/Field';
import { DEFAULT_OPTIMIZER_SETTINGS } from '@/lib/core/goodhart/optimize/settings';
import { OptimizerFields, withMethod } from './OptimizerFields';

const KIND_PREFIX = { rater: 'Rater: ', train: 'Training: ', optimizer: 'Optimiser: ' } as const;

const INPUT = 'mt-1 w-28 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900';

/** A labelled number input. Empty or non-numeric text leaves the value unchanged. */
function NumberField({
  id,
  label,
  value,
  onChange,
  step = 'any',
  min,
  max,
  disabled,
  unused = null,
}: {
  id: string;
  label: string;
  value: number;
  onChange: (v: number) => void;
  step?: number | 'any';
  min?: number;
  max?: number;
  disabled?: boolean;
  /** Why the run does not read this field (it is then disabled), as the training fields say it. */
  unused?: string | null;
}) {
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        type="number"
        step={step}
        min={min}
        max={max}
        value={Number.isFinite(value) ? value : ''}
        disabled={disabled || unused !== null}
        aria-describedby={unused ? `${id}-unused` : undefined}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v)) onChange(v);
        }}
        className={INPUT}
      />
      {unused && <UnusedNote id={id} reason={unused} />}
    </Field>
  );
}

const RATER_KNOBS: { key: keyof RaterKnobs; label: string; step: number }[] = [
  { key: 'pFactCheck', label: 'Fact-check probability', step: 0.05 },
  { key: 'confidenceBias', label: 'Confidence bias', step: 0.5 },
  { key: 'lengthBias', label: 'Length bias', step: 0.5 },
  { key: 'beta', label: 'Determinism β', step: 0.5 },
];

/** A labelled whole-number field: a value is rounded and kept within [min, max]. */
function CountField({
  id,
  label,
  value,
  min,
  max = Infinity,
  onChange,
  unused = null,
}: {
  id: string;
  label: string;
  value: number;
  min: number;
  max?: number;
  onChange: (v: number) => void;
  unused?: string | null;
}) {
  return (
    <NumberField
      id={id}
      label={label}
      value={value}
      unused={unused}
      step={1}
      min={min}
      max={Number.isFinite(max) ? max : undefined}
      onChange={(v) => onChange(Math.max(min, Math.min(max, Math.round(v))))}
    />
  );
}

/** The active-learning study's label counts and epochs. */
const AL_FIELDS: { name: 'start' | 'step' | 'max' | 'epochs'; id: string; label: string; min: number }[] = [
  { name: 'start', id: 'pg-al-start', label: 'First labels', min: 2 },
  { name: 'step', id: 'pg-al-step', label: 'Labels per round', min: 1 },
  { name: 'max', id: 'pg-al-max', label: 'Up to labels', min: 2 },
  { name: 'epochs', id: 'pg-al-epochs', label: 'Epochs per round', min: 1 },
];

/** The training settings the playground shows, from the settings table (the rest keep their defaults). */
const PLAYGROUND_TRAIN_SETTINGS: readonly TrainSettingKey[] = [
  'features',
  'model',
  'solver',
  'hiddenUnits',
  'epochs',
  'learningRate',
  'l2',
  'marginPreset',
  'seed',
];

/**
 * Why no run of the experiment reads a training setting (settingUnusedReason of its config), or null. A
 * sweep of the model size also trains MLPs, which train with Adam, so Adam's settings apply there.
 */
function unusedReason(key: TrainSettingKey, exp: PlaygroundExperiment): string | null {
  const s = trainSetting(key);
  if (exp.study.kind === 'sweep' && exp.study.knob === 'modelSize' && s.kind !== 'choice' && s.adamOnly)
    return null;
  return settingUnusedReason(key, exp.train);
}

/** Props of {@link ExperimentForm}. */
export interface ExperimentFormProps {
  value: PlaygroundExperiment;
  onChange: (exp: PlaygroundExperiment) => void;
  datasets: readonly { id: string; name: string }[];
  disabled?: boolean;
}

/** Edits every setting of a playground experiment. */
export function ExperimentForm({ value: exp, onChange, datasets, disabled }: ExperimentFormProps) {
  const knobs = raterKnobsOf(exp.rater);
  const set = (patch: Partial<PlaygroundExperiment>) => onChange({ ...exp, ...patch });
  const study = exp.study;
  const setStudy = (patch: Record<string, unknown>) =>
    set({ study: { ...study, ...patch } as PlaygroundExperiment['study'] });

  return (
    <fieldset disabled={disabled} className="space-y-4">
      <legend className="sr-only">Experiment settings</legend>
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <span className="block text-sm font-medium" id="study-kind">
            Study
          </span>
          <div role="radiogroup" aria-labelledby="study-kind" className="mt-1 flex gap-3 text-sm">
            <label className="flex items-center gap-1">
              <input
                type="radio"
                name="study-kind"
                checked={study.kind === 'sweep'}
                onChange={() =>
                  set({
                    study: { kind: 'sweep', knob: 'pFactCheck', from: 0, to: 1, points: 10, labels: 500 },
                  })
                }
              />
              Sweep one knob
            </label>
            <label className="flex items-center gap-1">
              <input
                type="radio"
                name="study-kind"
                checked={study.kind === 'active-learning'}
                onChange={() =>
                  set({
                    rater: { preset: 'careful', overrides: {} },
                    study: {
                      kind: 'active-learning',
                      ...DEFAULT_ACTIVE_LEARNING,
                      policies: [...POLICY_NAMES],
                    },
                  })
                }
              />
              Compare active-learning policies
            </label>
          </div>
        </div>
        <Field id="pg-dataset" label="Dataset">
          <select
            id="pg-dataset"
            value={exp.datasetId}
            onChange={(e) => set({ datasetId: e.target.value })}
            className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
          >
            {!datasets.some((d) => d.id === exp.datasetId) && (
              <option value={exp.datasetId}>{exp.datasetId} (not on this device)</option>
            )}
            {datasets.map((d) => (
              <option key={d.id} value={d.id} title={stripBidiControls(d.name)}>
                {isolatedName(d.name)}
              </option>
            ))}
          </select>
        </Field>
        <NumberField
          id="pg-seed"
          label="Rater seed"
          value={exp.seed}
          step={1}
          onChange={(v) => set({ seed: Math.floor(v) })}
        />
      </div>

      {study.kind === 'sweep' ? (
        <div className="flex flex-wrap items-end gap-4" data-testid="sweep-settings">
          <Field id="pg-knob" label="Knob to sweep">
            <select
              id="pg-knob"
              value={study.knob}
              onChange={(e) => {
                const k = KNOBS[e.target.value as KnobId];
                let optimizer = exp.optimizer;
                if (k.kind === 'optimizer') optimizer ??= { ...DEFAULT_OPTIMIZER_SETTINGS };
                // β only acts on RL.
                if (k.id === 'klCoef' && optimizer && optimizer.method !== 'rl')
                  optimizer = withMethod(optimizer, 'rl');
                set({
                  optimizer,
                  study: { ...study, knob: k.id, from: k.from, to: k.to } as PlaygroundExperiment['study'],
                });
              }}
              className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
            >
              {KNOB_IDS.map((id) => (
                <option key={id} value={id}>
                  {KIND_PREFIX[KNOBS[id].kind]}
                  {KNOBS[id].label}
                </option>
              ))}
            </select>
          </Field>
          {KNOBS[study.knob].choices ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              Visits {KNOBS[study.knob].choices!.map((c) => c.label).join(', ')}.
            </p>
          ) : (
            <>
              <NumberField
                id="pg-from"
                label="From"
                value={study.from}
                onChange={(v) => setStudy({ from: v })}
              />
              <NumberField id="pg-to" label="To" value={study.to} onChange={(v) => setStudy({ to: v })} />
              <CountField
                id="pg-points"
                label="Points"
                value={study.points}
                min={1}
                max={50}
                onChange={(v) => setStudy({ points: v })}
              />
            </>
          )}
          {study.knob !== 'labels' && (
            <CountField
              id="pg-labels"
              label="Labels per point"
              value={study.labels}
              min={2}
              onChange={(v) => setStudy({ labels: v })}
            />
          )}
          <p className="basis-full text-sm text-slate-700 dark:text-slate-300">{KNOBS[study.knob].help}</p>
          <div className="basis-full">
            <OptimizerFields
              value={exp.optimizer}
              onChange={(optimizer) => set({ optimizer })}
              knob={study.knob}
              required={KNOBS[study.knob].kind === 'optimizer'}
            />
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-end gap-4" data-testid="al-settings">
          <fieldset>
            <legend className="text-sm font-medium">Policies</legend>
            <div className="mt-1 flex gap-3 text-sm">
              {POLICY_NAMES.map((p) => (
                <label key={p} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={study.policies.includes(p)}
                    onChange={(e) =>
                      setStudy({
                        policies: e.target.checked
                          ? POLICY_NAMES.filter((q) => q === p || study.policies.includes(q))
                          : study.policies.filter((q) => q !== p),
                      })
                    }
                  />
                  {p}
                </label>
              ))}
            </div>
          </fieldset>
          {AL_FIELDS.map((f) => (
            <CountField
              key={f.name}
              {...f}
              value={study[f.name]}
              onChange={(v) => setStudy({ [f.name]: v })}
              // Each round's epochs are Adam's: under the exact solver the field is not read.
              unused={
                f.name === 'epochs'
                  ? settingUnusedReason('epochs', activeLearningTrainConfig(exp.train, study))
                  : null
              }
            />
          ))}
          <NumberField
            id="pg-al-target"
            label="Target accuracy (%)"
            value={Math.round(study.target * 1000) / 10}
            min={0}
            max={100}
            onChange={(v) => setStudy({ target: Math.max(0, Math.min(1, v / 100)) })}
          />
        </div>
      )}

      <div className="flex flex-wrap items-end gap-4">
        <Field id="pg-rater" label="Simulated rater">
          <select
            id="pg-rater"
            value={exp.rater.preset}
            onChange={(e) => set({ rater: { preset: e.target.value as RaterPreset, overrides: {} } })}
            className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
          >
            {(Object.keys(RATER_PRESETS) as RaterPreset[]).map((k) => (
              <option key={k} value={k}>
                {RATER_PRESETS[k].name}
              </option>
            ))}
          </select>
        </Field>
        {RATER_KNOBS.map((k) => (
          <NumberField
            key={k.key}
            id={`pg-rater-${k.key}`}
            label={k.label}
            value={knobs[k.key]}
            step={k.step}
            disabled={study.kind === 'sweep' && study.knob === k.key}
            onChange={(v) =>
              set({ rater: { ...exp.rater, overrides: { ...exp.rater.overrides, [k.key]: v } } })
            }
          />
        ))}
      </div>

      <div className="flex flex-wrap items-end gap-4">
        <SettingFields
          keys={PLAYGROUND_TRAIN_SETTINGS}
          idPrefix="pg-train-"
          config={exp.train}
          onChange={(train) => set({ train })}
          unused={(k) => unusedReason(k, exp)}
          compact
        />
      </div>
    </fieldset>
  );
}
