'use client';
/**
 * Training settings as labelled form fields, each made from its row of the settings table
 * (lib/core/reward-model/settings.ts): label, help, a select of the choices or a number input with the
 * table's min/max/step. The /train form and the playground's training fields both use them. Text the
 * table refuses stays in its field with the table's message and leaves the config as it was, and says so.
 * A setting the config does not read (an Adam setting under the exact solver) is disabled with its reason.
 */
import { useState } from 'react';
import { Field, UnusedNote } from '@/components/ui/Field';
import {
  choiceValues,
  parseSettingText,
  trainSetting,
  type TrainConfig,
  type TrainSettingKey,
} from '@/lib/core/reward-model/settings';

const CONTROL =
  'mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm disabled:cursor-not-allowed disabled:opacity-60 dark:bg-slate-900';

/** Text a setting refused, and the table's message for it. */
interface Draft {
  text: string;
  message: string;
}

/** Props of {@link SettingFields}. */
export interface SettingFieldsProps {
  /** The settings to show (TrainConfig keys), in order. */
  keys: readonly TrainSettingKey[];
  config: TrainConfig;
  onChange: (config: TrainConfig) => void;
  /** Each control's id is this prefix and its key; its help and message add `-help` and `-error`. */
  idPrefix: string;
  /** Settings to show disabled. */
  disabled?: (key: TrainSettingKey) => boolean;
  /**
   * Why a setting is not read by this config (settingUnusedReason), or null: such a field is disabled with
   * its reason shown, and keeps its value (and any refused text) for when it applies again.
   */
  unused?: (key: TrainSettingKey) => string | null;
  /** Narrow controls with the help for screen readers only (the playground's rows of knobs). */
  compact?: boolean;
}

/**
 * Labelled controls for some training settings, as siblings (the parent lays them out). Refused text is
 * kept while the config is the one these fields last saw or produced; a config from elsewhere (reset to
 * defaults, a run or shared experiment loaded) replaces it.
 */
export function SettingFields({
  keys,
  config,
  onChange,
  idPrefix,
  disabled,
  unused,
  compact,
}: SettingFieldsProps) {
  const [state, setState] = useState<{ drafts: Partial<Record<TrainSettingKey, Draft>>; seen: TrainConfig }>({
    drafts: {},
    seen: config,
  });
  const drafts = state.seen === config ? state.drafts : {};
  const edit = (name: TrainSettingKey, text: string) => {
    const r = parseSettingText(name, text);
    if (r.ok) {
      const next = { ...config, [name]: r.value };
      setState({ drafts: { ...drafts, [name]: undefined }, seen: next });
      onChange(next);
    } else setState({ drafts: { ...drafts, [name]: { text, message: r.message } }, seen: config });
  };
  return keys.map((name) => (
    <SettingField
      key={name}
      name={name}
      value={config[name]}
      draft={drafts[name]}
      onEdit={(text) => edit(name, text)}
      id={`${idPrefix}${name}`}
      disabled={disabled?.(name)}
      unused={unused?.(name) ?? null}
      compact={compact}
    />
  ));
}

/** One labelled control: a select of the choices, or a number input with the table's min/max/step. */
function SettingField({
  name,
  value,
  draft,
  onEdit,
  id,
  disabled,
  unused,
  compact,
}: {
  name: TrainSettingKey;
  value: string | number;
  draft: Draft | undefined;
  onEdit: (text: string) => void;
  id: string;
  disabled?: boolean;
  unused: string | null;
  compact?: boolean;
}) {
  const s = trainSetting(name);
  const describedBy = [`${id}-help`, unused && `${id}-unused`, draft && !unused && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  const off = disabled || unused !== null;
  const control = `${CONTROL} ${compact ? 'w-28' : 'w-full'}`;
  return (
    <Field id={id} label={s.label}>
      {s.kind === 'choice' ? (
        <select
          id={id}
          value={String(value)}
          disabled={off}
          onChange={(e) => onEdit(e.target.value)}
          aria-describedby={describedBy}
          className={control}
        >
          {choiceValues(s).map((v) => (
            <option key={v} value={v}>
              {s.choices[v]}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="number"
          step={s.kind === 'integer' ? 1 : (s.step ?? 'any')}
          min={s.min}
          max={s.max}
          value={draft ? draft.text : String(value)}
          disabled={off}
          onChange={(e) => onEdit(e.target.value)}
          aria-invalid={draft && !unused ? true : undefined}
          aria-describedby={describedBy}
          className={control}
        />
      )}
      <p
        id={`${id}-help`}
        className={compact ? 'sr-only' : 'mt-0.5 text-xs text-slate-700 dark:text-slate-300'}
      >
        {s.help}
      </p>
      {unused && <UnusedNote id={id} reason={unused} />}
      {draft && !unused && (
        <p id={`${id}-error`} className="mt-0.5 text-xs text-red-700 dark:text-red-300">
          {draft.message}; the run uses {String(value)}
        </p>
      )}
    </Field>
  );
}
