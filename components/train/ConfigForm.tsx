'use client';
/**
 * Model and hyperparameters for a training run: every row of the training settings table
 * (lib/core/reward-model/settings.ts) as a field with its one-line explanation and default; the MLP's own
 * settings show only for the MLP, the solver only for the linear model, and Adam's settings (epochs,
 * learning rate, batch size, early stopping) are disabled, "used by Adam only", while it uses the exact
 * solver, keeping their values for when Adam or the MLP is chosen again.
 */
import {
  TRAIN_SETTING_KEYS,
  offeredInApp,
  settingApplies,
  settingUnusedReason,
  type TrainConfig,
} from '@/lib/core/reward-model/settings';
import { SettingFields } from './SettingField';

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
      <SettingFields
        keys={TRAIN_SETTING_KEYS.filter((k) => offeredInApp(k) && settingApplies(k, value))}
        idPrefix="cfg-"
        config={value}
        onChange={onChange}
        unused={(k) => settingUnusedReason(k, value)}
      />
    </fieldset>
  );
}
