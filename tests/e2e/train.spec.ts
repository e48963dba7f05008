// /train in a real browser: simulate a rater, train in the worker with live progress, read held-out figures,
// export the model; bad hyperparameters (a learning rate that diverges) give a clear message.
import { test, expect } from './fixtures';

test('simulate the hurried rater, train, and get held-out metrics and a saved run', async ({ page }) => {
  await page.goto('/train');
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText(
    'Stored 500 labels from “sim: hurried rater”',
  );
  await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
  await expect(page.getByTestId('training-status')).toContainText('Done', { timeout: 60_000 });
  // The default exact solver runs in plain TypeScript: no TF.js backend is started for it.
  await expect(page.getByTestId('backend')).toHaveText('Backend: exact solver (plain TypeScript, no TF.js)');
  await expect(page.getByText('trained on: exact solver (plain TypeScript, no TF.js)')).toBeVisible();
  const headline = page.getByTestId('headline-metrics');
  await expect(headline).toContainText('Held-out accuracy');
  await expect(headline).toContainText('%');
  await expect(page.getByTestId('trl-metrics')).toContainText('mean_reward');
  await expect(page.getByTestId('runs-table')).toContainText('active');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export model' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.model\.json$/);

  // The page stayed responsive and the run survives a reload.
  await page.reload();
  await expect(page.getByTestId('runs-table')).toContainText('linear');
});

test('a learning rate that diverges stops with a clear message and saves nothing', async ({ page }) => {
  await page.goto('/train');
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  // Only Adam has a learning rate (the default exact solver cannot diverge).
  await page.getByLabel('Solver', { exact: true }).selectOption('adam');
  await expect(page.getByTestId('backend')).toContainText('TF.js, chosen when training starts');
  await page.getByLabel('Learning rate').fill('1e30');
  await page.getByRole('button', { name: /^Train on/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'diverged' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('backend')).toHaveText(/^Backend: TF\.js on (the CPU|WebGL)/);
  await expect(page.getByTestId('runs-table')).toHaveCount(0);
});
