// Helpers shared by the e2e specs: pick an annotator, wait for the labeling page, read IndexedDB counts.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Open /label and become annotator `name` (creating it). */
export async function startLabeling(page: Page, name: string): Promise<void> {
  await page.goto('/label');
  await page.getByLabel(/your name|or a new name/i).fill(name);
  await page.getByRole('button', { name: 'Start labeling' }).click();
  await expect(page.getByTestId('pair')).toBeVisible();
}

/** Count rows of an IndexedDB object store in the app's database, read straight from IndexedDB. */
export async function countStore(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (storeName) =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('goodhart-lab');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(storeName, 'readonly');
          const c = tx.objectStore(storeName).count();
          c.onsuccess = () => {
            resolve(c.result);
            db.close();
          };
          c.onerror = () => reject(c.error);
        };
      }),
    store,
  );
}

/** Press a key and wait until a different pair is painted. */
export async function pressAndWaitForNextPair(page: Page, key: string): Promise<void> {
  const pair = page.getByTestId('pair');
  const before = await pair.getAttribute('data-pair');
  await page.keyboard.press(key);
  await expect(pair).not.toHaveAttribute('data-pair', before ?? '');
}
