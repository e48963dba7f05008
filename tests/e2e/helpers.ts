// Helpers shared by the e2e specs: pick an annotator, wait for the labeling page, read and write IndexedDB.
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

/** Every row of an IndexedDB object store in the app's database, read straight from IndexedDB. */
export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const req = indexedDB.open('goodhart-lab');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            resolve(all.result as T[]);
            req.result.close();
          };
          all.onerror = () => reject(all.error);
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

/** Rows to put straight into the app's IndexedDB stores (store name → rows), in one transaction. */
export type StoreRows = Record<string, Record<string, unknown>[]>;

/** Put rows into IndexedDB directly (the page must have opened the app once, so the schema exists). */
export async function putRows(page: Page, rows: StoreRows): Promise<void> {
  await page.evaluate(
    (byStore) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('goodhart-lab');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(Object.keys(byStore), 'readwrite');
          for (const [store, list] of Object.entries(byStore))
            for (const row of list) tx.objectStore(store).put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

/** A dataset `id` of `prompts` prompts with `k` responses each (`text(p, r)` gives response texts). */
export function datasetRows(
  id: string,
  prompts: number,
  k: number,
  opts: { name?: string; text?: (p: number, r: number) => string } = {},
): StoreRows {
  const rows: StoreRows = {
    datasets: [{ id, name: opts.name ?? id, description: '', source: 'test', created: 9e12 }],
    prompts: [],
    responses: [],
  };
  for (let p = 0; p < prompts; p++) {
    rows.prompts.push({ id: `${id}-p${p}`, datasetId: id, text: `Question ${p}?`, category: 'x' });
    for (let r = 0; r < k; r++)
      rows.responses.push({
        id: `${id}-p${p}-r${r}`,
        promptId: `${id}-p${p}`,
        datasetId: id,
        text: opts.text ? opts.text(p, r) : `Answer ${p}.${r}`,
        tags: [],
      });
  }
  return rows;
}

/**
 * On an open /train: 500 simulated labels on the demo, then a run with feature set `set`, until it is done
 * and its figures show; `embeds` first waits for the encoder's embed phase (no shipped embeddings).
 */
export async function trainDemoHere(page: Page, set: string, { embeds = false } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  await page.getByLabel('Features', { exact: true }).selectOption(set);
  await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
  if (embeds)
    await expect(page.getByTestId('embedding-progress')).toHaveAttribute('data-phase', 'embed', {
      timeout: 60_000,
    });
  await expect(page.getByTestId('training-status')).toContainText('Done', {
    timeout: embeds ? 120_000 : 90_000,
  });
  await expect(page.getByTestId('headline-metrics')).toContainText('Held-out accuracy');
}
