// Labeling with the keyboard: labels are durable, undo is durable, progress survives a reload.
import { test, expect } from './fixtures';
import { countStore, pressAndWaitForNextPair, startLabeling } from './helpers';

test('label 10 pairs with the keyboard, undo one, reload: exactly 9 stored and the progress says so', async ({
  page,
}) => {
  await startLabeling(page, 'Keyboard Kim');
  await expect(page.getByTestId('progress')).toContainText('0 labeled');
  const keys = ['1', '2', 'ArrowLeft', 'ArrowRight', 'Shift+1', 'Shift+ArrowRight', 't', 'b', '1', '2'];
  for (const key of keys) await pressAndWaitForNextPair(page, key);
  await expect(page.getByTestId('progress')).toContainText('10 labeled');
  expect(await countStore(page, 'comparisons')).toBe(10);

  await page.keyboard.press('u');
  await expect(page.getByTestId('progress')).toContainText('9 labeled');
  expect(await countStore(page, 'comparisons')).toBe(9);

  await page.reload();
  await expect(page.getByTestId('pair')).toBeVisible();
  await expect(page.getByTestId('progress')).toContainText('9 labeled');
  expect(await countStore(page, 'comparisons')).toBe(9);
});

test('strength, tie, both bad, skip and rationale are recorded as chosen', async ({ page }) => {
  await startLabeling(page, 'Mouse Mo');
  await page.getByLabel('Rationale (optional)').fill('the left one cites a source');
  await page.getByRole('button', { name: /Left much better/ }).click();
  await expect(page.getByTestId('progress')).toContainText('1 labeled');
  await pressAndWaitForNextPair(page, 's');
  expect(await countStore(page, 'skips')).toBe(1);
  await expect(page.getByTestId('progress')).toContainText('1 labeled');
  const rows = await page.evaluate(
    () =>
      new Promise<unknown[]>((resolve) => {
        const req = indexedDB.open('goodhart-lab');
        req.onsuccess = () => {
          const all = req.result.transaction('comparisons').objectStore('comparisons').getAll();
          all.onsuccess = () => resolve(all.result);
        };
      }),
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ outcome: 'a', strength: 3, rationale: 'the left one cites a source' });
  expect((rows[0] as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
});

test('the ? overlay lists the shortcuts and reveal shows gold after a judgment', async ({ page }) => {
  await startLabeling(page, 'Helpful Hana');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Undo the last decision');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('reveal')).toHaveCount(0);
  await page.getByLabel('Reveal gold after each judgment').click();
  await pressAndWaitForNextPair(page, '1');
  await expect(page.getByTestId('reveal')).toContainText(/Left was (correct|incorrect)/);
});
