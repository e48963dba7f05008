'use client';
/**
 * The playground's optimiser settings: whether each sweep point pushes an optimiser against its reward
 * model, which one (best-of-n or RL) and how far, and the fix-it lab's mitigations switched on together
 * (style control, centring, a conservative ensemble with its combination and k, the KL coefficient β).
 * Labels, help and ranges come from the optimiser's settings table; the knob being swept is disabled.
 */
import {
  DEFAULT_OPTIMIZER_SETTINGS,
  OPTIMIZER_SETTINGS as OPT,
  stepsRange,
  type OptimizerSettings,
} from '@/lib/core/goodhart/optimize/settings';
import { OPTIMIZE_DEFAULTS, type Method } from '@/lib/core/goodhart/optimize/run';
import type { KnobId } from '@/lib/core/playground/sweep';
import { Field } from '@/components/ui/Field';
import { EnsembleCombineField } from '@/components/optimize/EnsembleCombineField';

const INPUT = 'mt-1 w-28 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900';
const SELECT = 'mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900';

/** The settings for `method`, with its default number of steps. */
export function withMethod(s: OptimizerSettings, method: Method): OptimizerSettings {
  return {
    ...s,
    method,
    steps: method === 'rl' ? OPTIMIZE_DEFAULTS.rlSteps : OPTIMIZE_DEFAULTS.bonSteps,
  };
}

/** Props of {@link OptimizerFields}. */
export interface OptimizerFieldsProps {
  value: OptimizerSettings | undefined;
  onChange: (s: OptimizerSettings | undefined) => void;
  /** The knob a sweep varies: an optimiser knob always runs the optimiser, and its own field is off. */
  knob: KnobId | null;
  /** Whether the knob is one of the optimiser's (the optimiser then cannot be switched off). */
  required: boolean;
}

type NumKey = 'steps' | 'klCoef' | 'ensembleMembers' | 'ensembleK';

/** Edits the optimiser's settings of a sweep. */
export function OptimizerFields({ value, onChange, knob, required }: OptimizerFieldsProps) {
  const on = required || value !== undefined;
  const s = value ?? DEFAULT_OPTIMIZER_SETTINGS;
  const set = (patch: Partial<OptimizerSettings>) => onChange({ ...s, ...patch });
  const num = (key: NumKey, disabled = false) => {
    // Steps: RL's, or best-of-n's doublings of n (a lower cap), with the label /optimize uses.
    const r = key === 'steps' ? stepsRange(s.method) : OPT[key];
    return (
      <Field id={`pg-opt-${key}`} label={r.label} key={key}>
        <input
          id={`pg-opt-${key}`}
          type="number"
          min={r.min}
          max={r.max}
          step={r.step}
          title={r.help}
          value={s[key]}
          disabled={disabled || knob === key}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (e.target.value === '' || !Number.isFinite(v)) return;
            const clamped = Math.max(r.min, Math.min(r.max, v));
            set({ [key]: 'integer' in r && r.integer ? Math.round(clamped) : clamped });
          }}
          className={INPUT}
        />
      </Field>
    );
  };
  const toggle = (key: 'styleControl' | 'centring') => (
    <label className="flex items-center gap-1 text-sm" title={OPT[key].help} key={key}>
      <input
        type="checkbox"
        checked={s[key]}
        disabled={knob === key}
        onChange={(e) => set({ [key]: e.target.checked })}
      />
      {OPT[key].label}
    </label>
  );
  const ensembleOn = s.ensembleMembers > 1;
  return (
    <fieldset className="space-y-2" data-testid="optimizer-settings">
      <legend className="text-sm font-medium">Optimiser against each point’s reward model</legend>
      <label className="flex items-center gap-1 text-sm">
        <input
          type="checkbox"
          checked={on}
          disabled={required}
          onChange={(e) => onChange(e.target.checked ? { ...DEFAULT_OPTIMIZER_SETTINGS } : undefined)}
        />
        Run the optimiser at each point (its gold and proxy gain are plotted)
      </label>
      {on && (
        <div className="flex flex-wrap items-end gap-4">
          <Field id="pg-opt-method" label={OPT.method.label}>
            <select
              id="pg-opt-method"
              value={s.method}
              title={OPT.method.help}
              disabled={knob === 'klCoef'}
              onChange={(e) => onChange(withMethod(s, e.target.value as Method))}
              className={SELECT}
            >
              {(Object.keys(OPT.method.choices) as Method[]).map((m) => (
                <option key={m} value={m}>
                  {OPT.method.choices[m]}
                </option>
              ))}
            </select>
          </Field>
          {num('steps')}
          {num('klCoef', s.method !== 'rl')}
          {toggle('styleControl')}
          {toggle('centring')}
          {num('ensembleMembers', knob === 'ensembleK' || knob === 'ensembleCombine')}
          <EnsembleCombineField
            id="pg-opt-combine"
            value={s.ensembleCombine}
            disabled={!ensembleOn || knob === 'ensembleCombine' || knob === 'ensembleK'}
            onChange={(ensembleCombine) => set({ ensembleCombine })}
            className={SELECT}
          />
          {num('ensembleK', !ensembleOn || s.ensembleCombine !== 'mean-sd')}
        </div>
      )}
    </fieldset>
  );
}
