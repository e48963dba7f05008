// The training settings table in the browser: /train shows every setting with the table's label and help
// (the MLP's own only for the MLP), the playground's training fields carry the same labels, and text a
// setting refuses stays in its field with the table's message while the experiment keeps its value.
import { test, expect } from './fixtures';
import { TRAIN_SETTINGS, TRAIN_SETTING_KEYS, trainSetting } from '../../lib/core/reward-model/settings';

test('/train shows every setting of the table, and a refused value leaves the config as it was', async ({
  page,
}) => {
  await page.goto('/train');
  for (const key of TRAIN_SETTING_KEYS) {
    const s = trainSetting(key);
    const field = page.getByLabel(s.label, { exact: true });
    if (s.mlpOnly) await expect(field).toHaveCount(0);
    // Adam's own settings are disabled under the default exact solver, and say so.
    else if (s.kind !== 'choice' && s.adamOnly)
      await expect(field).toHaveAccessibleDescription(`${s.help} used by Adam only`);
    else await expect(field).toHaveAccessibleDescription(s.help);
  }
  await page.getByLabel('Reward model', { exact: true }).selectOption('mlp');
  await expect(page.getByLabel('Hidden units', { exact: true })).toHaveValue('32');
  await expect(page.getByLabel('Activation', { exact: true })).toHaveValue('relu');
  await expect(page.getByLabel('Ties', { exact: true }).locator('option')).toHaveText(
    Object.values(TRAIN_SETTINGS.ties.choices),
  );

  const epochs = page.getByLabel('Epochs', { exact: true });
  await epochs.fill('0');
  await expect(page.getByText('expected an integer ≥ 1, got "0"; the run uses 30')).toBeVisible();
  await expect(epochs).toHaveAttribute('aria-invalid', 'true');
  await expect(epochs).toHaveValue('0');
  await epochs.fill('12');
  await expect(page.getByText(/expected an integer/)).toHaveCount(0);
  await expect(epochs).not.toHaveAttribute('aria-invalid');

  // Reset to defaults replaces what was typed.
  await page.getByLabel('Validation share', { exact: true }).fill('0.95');
  await expect(page.getByText('expected a number from 0 to 0.9, got "0.95"; the run uses 0.2')).toBeVisible();
  await page.getByRole('button', { name: /defaults/i }).click();
  await expect(page.getByLabel('Validation share', { exact: true })).toHaveValue('0.2');
  await expect(epochs).toHaveValue('30');
  await expect(page.getByText(/the run uses/)).toHaveCount(0);
});

test('the playground labels its training fields as the table does; a refused value is not shared', async ({
  page,
}) => {
  await page.goto('/playground');
  await expect(page.getByLabel('Dataset')).toContainText('Goodhart demo pack');
  for (const key of [
    'model',
    'solver',
    'hiddenUnits',
    'epochs',
    'learningRate',
    'l2',
    'marginPreset',
    'seed',
  ] as const)
    await expect(page.getByLabel(TRAIN_SETTINGS[key].label, { exact: true })).toHaveCount(1);
  await expect(page.getByLabel('Hidden units', { exact: true })).toBeDisabled();
  await expect(page.getByLabel('Learning rate', { exact: true })).toBeDisabled();
  await page.getByLabel('Solver', { exact: true }).selectOption('adam');

  await page.getByLabel('Learning rate', { exact: true }).fill('-1');
  await expect(page.getByText('expected a number > 0, got "-1"; the run uses 0.01')).toBeVisible();
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  const shared = JSON.parse(Buffer.from(link.split('#x=')[1], 'base64url').toString('utf8'));
  expect(shared.train.learningRate).toBe(0.01);
});
