'use client';
/**
 * One training setting as a labelled form field, made from its row of the settings table
 * (lib/core/reward-model/settings.ts): label, help, a select of the choices or a number input with the
 * table's min/max/step. The /train form and the playground's training fields both use it. Text the table
 * refuses stays in the field with the table's message and leaves the config as it was, and says so.
 */
import { useState } from 'react';
import {
  choiceValues,
  parseSettingText,
  trainSetting,
  type TrainConfig,
  type TrainSettingKey,
} from '@/lib/core/reward-model/settings';

const CONTROL = 'mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900';

/** Props of {@link SettingField}. */
export interface SettingFieldProps {
  /** The setting (a TrainConfig key). */
  name: TrainSettingKey;
  config: TrainConfig;
  onChange: (config: TrainConfig) => void;
  /** The control's id; its help and message get `-help` and `-error` after it. */
  id: string;
  disabled?: boolean;
  /** A narrow control with the help for screen readers only (the playground's rows of knobs). */
  compact?: boolean;
}

/** A labelled control for one training setting. */
export function SettingField({ name, config, onChange, id, disabled, compact }: SettingFieldProps) {
  const s = trainSetting(name);
  const value = config[name];
  // Refused text, kept with the value it was typed over: a new value from outside (reset, a shared
  // experiment) shows instead of it.
  const [draft, setDraft] = useState<{ text: string; message: string; over: unknown } | null>(null);
  const refused = draft && draft.over === value ? draft : null;
  const edit = (text: string) => {
    const r = parseSettingText(name, text);
    if (r.ok) {
      setDraft(null);
      onChange({ ...config, [name]: r.value });
    } else setDraft({ text, message: r.message, over: value });
  };
  const describedBy = refused ? `${id}-help ${id}-error` : `${id}-help`;
  const control = `${CONTROL} ${compact ? 'w-28' : 'w-full'}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {s.label}
      </label>
      {s.kind === 'choice' ? (
        <select
          id={id}
          value={String(value)}
          disabled={disabled}
          onChange={(e) => edit(e.target.value)}
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
          value={refused ? refused.text : String(value)}
          disabled={disabled}
          onChange={(e) => edit(e.target.value)}
          aria-invalid={refused ? true : undefined}
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
      {refused && (
        <p id={`${id}-error`} className="mt-0.5 text-xs text-red-700 dark:text-red-300">
          {refused.message}; the run uses {String(value)}
        </p>
      )}
    </div>
  );
}
