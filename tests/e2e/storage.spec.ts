// Storage failures are shown in the page, never a blank screen, and nothing already saved is lost.
import { test, expect } from './fixtures';
import { countStore, pressAndWaitForNextPair, startLabeling } from './helpers';

test('no IndexedDB (private window): a clear message instead of a blank page', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('/label');
  await expect(page.getByTestId('storage-problem')).toContainText('does not let the page use IndexedDB');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('quota full while labeling: the user is told, the pair stays, earlier labels are intact', async ({
  page,
}) => {
  await startLabeling(page, 'Quota Quinn');
  await pressAndWaitForNextPair(page, '1');
  await pressAndWaitForNextPair(page, '2');
  const pairBefore = await page.getByTestId('pair').getAttribute('data-pair');
  await page.evaluate(() => {
    IDBObjectStore.prototype.add = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.keyboard.press('1');
  await expect(page.getByTestId('storage-problem')).toContainText('storage quota for this site is full');
  await expect(page.getByTestId('pair')).toHaveAttribute('data-pair', pairBefore ?? '');
  await expect(page.getByTestId('progress')).toContainText('2 labeled');
  expect(await countStore(page, 'comparisons')).toBe(2);
});

test('another tab upgrades the database: this tab says to reload, labels are kept', async ({
  page,
  context,
}) => {
  await startLabeling(page, 'Tab Tess');
  await pressAndWaitForNextPair(page, '1');
  const other = await context.newPage();
  await other.goto('/');
  // Simulate a newer app version in the other tab: open the same database at a higher version.
  const upgraded = await other.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('goodhart-lab', 1000);
        req.onsuccess = () => {
          const v = req.result.version;
          req.result.close();
          resolve(v);
        };
        req.onerror = () => reject(req.error);
      }),
  );
  expect(upgraded).toBe(1000);
  await expect(page.getByTestId('storage-problem')).toContainText(
    'newer version of Goodhart Lab was opened in another tab',
  );
  expect(await countStore(other, 'comparisons')).toBe(1);
});
