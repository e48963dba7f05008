// /train's worker over comlink in a real browser: the live curve streams epoch by epoch, Cancel stops the
// worker's loop and saves nothing, and the same worker then trains the next run to the end.
import { test, expect } from './fixtures';

test('the live curve streams, cancel stops the run and saves nothing, and the next run trains', async ({
  page,
}) => {
  await page.goto('/train');
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  // Adam runs epochs (the default exact solver would converge in a few dozen iterations).
  await page.getByLabel('Solver', { exact: true }).selectOption('adam');
  await page.getByLabel('Epochs').fill('100000');
  await page.getByRole('button', { name: /^Train on/ }).click();

  const status = page.getByTestId('training-status');
  // Epoch by epoch, not all at the end: the page shows epoch 2 and then a later one while the run goes on.
  await expect(status).toContainText(/Training: epoch [2-9]\d* of 100000/, { timeout: 60_000 });
  const seen = Number((await status.textContent())?.match(/epoch (\d+)/)?.[1]);
  await expect
    .poll(async () => Number((await status.textContent())?.match(/epoch (\d+)/)?.[1] ?? 0), {
      timeout: 30_000,
    })
    .toBeGreaterThan(seen);
  await expect(page.getByRole('heading', { name: 'Live: loss and accuracy per epoch' })).toBeVisible();

  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(status).toHaveText('Cancelled; nothing was saved.', { timeout: 30_000 });
  await expect(page.getByTestId('runs-table')).toHaveCount(0);

  // The worker stopped its loop and is free: the next run trains to the end and is saved.
  await page.getByLabel('Epochs').fill('2');
  await page.getByRole('button', { name: /^Train on/ }).click();
  await expect(status).toContainText('Done', { timeout: 60_000 });
  await expect(page.getByTestId('runs-table')).toContainText('active');
});
