// /train's Adam-only settings follow the solver: while the linear model uses the exact solver (L-BFGS)
// epochs, learning rate, batch size and early stopping are disabled with "used by Adam only" beside them;
// they come back for Adam and for the MLP, with what was typed (accepted or refused) still in them.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const ADAM_ONLY = ['Epochs', 'Learning rate', 'Batch size', 'Early stopping'];

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

async function expectAdamFields(page: Page, enabled: boolean) {
  for (const label of ADAM_ONLY) {
    if (enabled) {
      await expect(field(page, label)).toBeEnabled();
      await expect(field(page, label)).not.toHaveAccessibleDescription(/used by Adam only/);
    } else {
      await expect(field(page, label)).toBeDisabled();
      await expect(field(page, label)).toHaveAccessibleDescription(/used by Adam only$/);
    }
  }
  await expect(page.getByText('used by Adam only', { exact: true })).toHaveCount(enabled ? 0 : 4);
}

test('Adam-only settings are disabled under the exact solver and keep their values', async ({ page }) => {
  await page.goto('/train');
  const solver = field(page, 'Solver');
  await expect(solver).toHaveValue('lbfgs');
  await expectAdamFields(page, false);
  // Settings every solver reads stay enabled.
  await expect(field(page, 'L2 penalty')).toBeEnabled();
  await expect(field(page, 'Training seed')).toBeEnabled();
  await expect(page.getByTestId('backend')).toHaveText('Backend: exact solver (plain TypeScript, no TF.js)');

  await solver.selectOption('adam');
  await expectAdamFields(page, true);
  await expect(page.getByTestId('backend')).toContainText('TF.js');
  await field(page, 'Learning rate').fill('0.05');
  await field(page, 'Batch size').fill('16');
  await field(page, 'Epochs').fill('0');
  await expect(page.getByText('expected an integer ≥ 1, got "0"; the run uses 30')).toBeVisible();

  // Back to L-BFGS: disabled, the values (and the refused text) kept, no error shown for an unread field.
  await solver.selectOption('lbfgs');
  await expectAdamFields(page, false);
  await expect(field(page, 'Learning rate')).toHaveValue('0.05');
  await expect(field(page, 'Batch size')).toHaveValue('16');
  await expect(field(page, 'Epochs')).toHaveValue('0');
  await expect(page.getByText(/the run uses 30/)).toHaveCount(0);

  // The MLP always trains with Adam: no solver field, Adam's settings back with what was typed.
  await field(page, 'Reward model').selectOption('mlp');
  await expect(solver).toHaveCount(0);
  await expectAdamFields(page, true);
  await expect(field(page, 'Learning rate')).toHaveValue('0.05');
  await expect(field(page, 'Epochs')).toHaveValue('0');
  await expect(page.getByText('expected an integer ≥ 1, got "0"; the run uses 30')).toBeVisible();

  // Linear again: the solver kept its choice (L-BFGS), so Adam's settings are off again.
  await field(page, 'Reward model').selectOption('linear');
  await expect(solver).toHaveValue('lbfgs');
  await expectAdamFields(page, false);
  await solver.selectOption('adam');
  await field(page, 'Epochs').fill('12');
  await expect(field(page, 'Epochs')).toHaveValue('12');
  await expect(page.getByText(/expected an integer/)).toHaveCount(0);
});

test('the playground has the Solver field of the table, and Adam settings follow it', async ({ page }) => {
  await page.goto('/playground');
  await expect(page.getByLabel('Dataset')).toContainText('Goodhart demo pack');
  const solver = field(page, 'Solver');
  await expect(solver).toHaveValue('lbfgs');
  await expect(solver.locator('option')).toHaveText(['L-BFGS (exact)', 'Adam']);
  await expect(solver).toHaveAccessibleDescription(/^Linear model: L-BFGS trains to the exact optimum/);
  await expect(field(page, 'Epochs')).toBeDisabled();
  await expect(field(page, 'Learning rate')).toHaveAccessibleDescription(/used by Adam only$/);
  await solver.selectOption('adam');
  await expect(field(page, 'Epochs')).toBeEnabled();
  await expect(field(page, 'Learning rate')).toBeEnabled();
  await solver.selectOption('lbfgs');

  // A sweep of the model size trains MLPs (with Adam) too, so Adam's settings apply to it.
  await page.getByLabel('Knob to sweep').selectOption('modelSize');
  await expect(field(page, 'Epochs')).toBeEnabled();

  await field(page, 'Reward model').selectOption('mlp');
  await expect(solver).toBeDisabled();
  await expect(solver).toHaveAccessibleDescription(/the MLP always trains with Adam$/);
});
