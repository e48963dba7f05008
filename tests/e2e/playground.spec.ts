// /playground in a real browser: a small sweep runs in the worker, its share link reproduces exactly the
// same table in a fresh page, a damaged link says so and falls back to the preset, and the
// active-learning comparison shows a curve and "labels needed" per policy; a sweep of one mitigation runs
// the optimiser at each point and charts its outcome.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function smallSweep(page: Page) {
  await page.getByLabel('Points').fill('3');
  await page.getByLabel('Labels per point').fill('60');
  // Adam, for 5 epochs (the default exact solver reads no epochs): the link must carry both.
  await page.getByLabel('Solver', { exact: true }).selectOption('adam');
  await page.getByLabel('Epochs', { exact: true }).fill('5');
}

async function readTable(page: Page) {
  const table = page.getByTestId('sweep-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  return {
    text: await table.innerText(),
    points: await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-point'))),
  };
}

test('a shared sweep link reproduces exactly the same numbers', async ({ page, context }) => {
  await page.goto('/playground');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('turn a knob');
  await expect(page.getByLabel('Dataset')).toContainText('Goodhart demo pack');
  await smallSweep(page);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  // Adam trains in TF.js, so the worker started it; a sweep on the exact solver starts none (next test).
  await expect(page.getByTestId('backend')).toHaveText(/^Backend: TF\.js on (the CPU|WebGL)/);
  const first = await readTable(page);
  expect(first.text).toContain('Fact-check probability');
  expect(first.points.every((p) => p && JSON.parse(p).labels === 60)).toBe(true);

  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/\/playground#x=[A-Za-z0-9_-]+$/);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('button', { name: 'Run this shared experiment' })).toBeVisible();
  await expect(other.getByLabel('Labels per point')).toHaveValue('60');
  await expect(other.getByLabel('Points')).toHaveValue('3');
  await expect(other.getByLabel('Solver', { exact: true })).toHaveValue('adam');
  await expect(other.getByLabel('Epochs', { exact: true })).toHaveValue('5');
  await other.getByRole('button', { name: 'Run this shared experiment' }).click();
  await expect(other.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const second = await readTable(other);
  expect(second.points).toEqual(first.points);
  expect(second.text).toBe(first.text);
});

test('a damaged link explains itself and falls back to the preset', async ({ page }) => {
  await page.goto('/playground#x=bm90IGFuIGV4cGVyaW1lbnQ');
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alert).toContainText('default experiment');
  await expect(alert).toContainText('invalid JSON');
  await expect(page.getByLabel('Labels per point')).toHaveValue('500');
  await expect(page.getByRole('button', { name: 'Run this shared experiment' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run the fact-checking sweep' })).toBeEnabled();
});

test('the active-learning comparison shows each policy and the labels it needed', async ({ page }) => {
  await page.goto('/playground');
  await expect(page.getByLabel('Dataset')).toContainText('Goodhart demo pack');
  await page.getByLabel('Compare active-learning policies').check();
  await page.getByLabel('Up to labels').fill('60');
  // Each round trains with the exact solver, which reads no epochs: the field says so.
  await expect(page.getByLabel('Epochs per round')).toBeDisabled();
  await expect(page.getByText('used by Adam only').first()).toBeVisible();
  await page.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const rows = page.getByTestId('al-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('coverage');
  await expect(rows.nth(1)).toContainText('uncertainty');
  await expect(rows.nth(2)).toContainText('disagreement');
  await expect(rows.nth(0)).toContainText('at 60');
  // Every round trains the linear model with the exact solver: the worker started no TF.js.
  await expect(page.getByTestId('backend')).toHaveText('Backend: exact solver (plain TypeScript, no TF.js)');
});

test('a sweep of one mitigation runs the optimiser at each point and charts its outcome', async ({
  page,
}) => {
  await page.goto('/playground');
  await expect(page.getByLabel('Dataset')).toContainText('Goodhart demo pack');
  await page.getByLabel('Knob to sweep').selectOption('styleControl');
  const optimizer = page.getByTestId('optimizer-settings');
  await expect(optimizer.getByLabel('Run the optimiser at each point')).toBeChecked();
  await expect(optimizer.getByLabel('Run the optimiser at each point')).toBeDisabled();
  await expect(optimizer.getByLabel('Style-controlled reward')).toBeDisabled();
  await page.getByLabel('Labels per point').fill('60');
  // Best-of-n (the default) counts doublings of n, capped as on /optimize.
  await expect(optimizer.getByLabel('Doublings of n')).toHaveAttribute('max', '20');
  await optimizer.getByLabel('Doublings of n').fill('4');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const results = page.getByTestId('optimizer-results');
  await expect(results.getByRole('img', { name: /gold under the optimiser/ })).toBeVisible();
  await expect(results.getByRole('img', { name: /proxy gain and KL/ })).toBeVisible();
  const rows = page.getByTestId('optimizer-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('off');
  await expect(rows.nth(1)).toContainText('on');
  await expect(rows.nth(0)).toContainText('→');
  // One reward model for the whole sweep: the training figures are the same at both points.
  const points = await page
    .getByTestId('sweep-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((r) => JSON.parse(r.getAttribute('data-point') ?? '{}')));
  expect(points).toHaveLength(2);
  expect(points[0].heldOutAccuracy).toBe(points[1].heldOutAccuracy);
  expect(points[0].optimizer.goldEnd).not.toBe(points[1].optimizer.goldEnd);

  // The share link carries the optimiser's settings.
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.goto(link);
  await expect(page.getByLabel('Knob to sweep')).toHaveValue('styleControl');
  await expect(page.getByTestId('optimizer-settings').getByLabel('Doublings of n')).toHaveValue('4');
});
