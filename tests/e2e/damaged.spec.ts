// Damaged runs never brick a page: a session bundle whose run has empty metrics and nonsense weights is
// refused on /data, naming the run and the field; and a damaged run already in IndexedDB (as an older app
// stored it), even as the active run, is shown as damaged on /train while the page goes on training.
import { test, expect } from './fixtures';
import { countStore, putRows } from './helpers';
import { bundleWithModels } from '../unit/bundle-fixture';

const hostileBundle = bundleWithModels([
  {
    id: 'evil',
    datasetId: 'demo',
    createdAt: 1,
    name: 'Evil run',
    config: {},
    metrics: {},
    labelIds: [],
    model: { weights: 'nonsense' },
  },
]);

test('a bundle with a damaged run is refused, naming the run and the field', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/data');
  await page.getByLabel('Files to import').setInputFiles({
    name: 'hostile.json',
    mimeType: 'application/json',
    buffer: Buffer.from(hostileBundle),
  });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('goodhart-session');
  const issues = page.getByTestId('import-issues');
  const row = issues.getByRole('row').filter({ hasText: 'models.0.metrics.heldOut' });
  await expect(row).toContainText('run "Evil run": missing "heldOut"');
  await expect(row).toContainText(/hostile\.json:\d+/);
  await expect(issues.getByRole('row').filter({ hasText: 'models.0.model.' }).first()).toContainText(
    'run "Evil run"',
  );
  await expect(summary).toContainText('Nothing valid to import from this file.');
  expect(await countStore(page, 'runs')).toBe(0);
  expect(errors).toEqual([]);
});

test('a damaged stored run, even the active one, is shown as damaged and /train still trains', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/train');
  await expect(page.getByRole('heading', { name: 'Train a reward model' })).toBeVisible();
  // What the old app let in from a bundle, made the active model (the id persists in localStorage).
  await putRows(page, {
    runs: [
      {
        id: 'old-run',
        datasetId: 'demo',
        createdAt: 1,
        name: 'Old run',
        config: {},
        metrics: {},
        labelIds: [],
        model: { weights: 'nonsense' },
      },
    ],
  });
  await page.evaluate(() =>
    localStorage.setItem(
      'goodhart-lab-training',
      JSON.stringify({ state: { activeRunId: 'old-run' }, version: 1 }),
    ),
  );
  await page.reload();
  await expect(page.getByTestId('damaged-run-notice')).toContainText('Run “Old run” is damaged');
  await expect(page.getByTestId('damaged-run-notice')).toContainText('metrics.heldOut: missing "heldOut"');
  await expect(page.getByTestId('damaged-run')).toContainText('damaged');

  // The page goes on working: simulate, train, and the new run is shown.
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
  await expect(page.getByTestId('training-status')).toContainText('Done', { timeout: 60_000 });
  await expect(page.getByTestId('headline-metrics')).toContainText('Held-out accuracy');
  await expect(page.getByTestId('runs-table')).toContainText('active');

  // /inspect skips the damaged run too.
  await page.goto('/inspect');
  await expect(page.getByTestId('headlines')).toBeVisible({ timeout: 30_000 });
  expect(errors).toEqual([]);
});
