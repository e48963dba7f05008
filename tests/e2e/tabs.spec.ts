// Two tabs labeling as the same annotator on the same dataset: they never show the same pair while another
// is free, they never judge a pair twice, and each counts the other's labels and undos.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startLabeling } from './helpers';

/** A dataset of one prompt with three responses: exactly three pairs. */
async function storeTinyDataset(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('goodhart-lab');
        req.onsuccess = () => {
          const tx = req.result.transaction(['datasets', 'prompts', 'responses'], 'readwrite');
          tx.objectStore('datasets').put({
            id: 'twins',
            name: 'Twins',
            description: '',
            source: 'test',
            created: 9e12,
          });
          tx.objectStore('prompts').put({
            id: 'tw-p',
            datasetId: 'twins',
            text: 'Which is best?',
            category: 'x',
          });
          for (const r of ['a', 'b', 'c'])
            tx.objectStore('responses').put({
              id: `tw-${r}`,
              promptId: 'tw-p',
              datasetId: 'twins',
              text: `Answer ${r.toUpperCase()}`,
              tags: [],
            });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
        req.onerror = () => reject(req.error);
      }),
  );
}

const pairOf = async (page: Page) =>
  ((await page.getByTestId('pair').getAttribute('data-pair')) ?? '').split('|').sort().join('|');

async function storedPairs(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('goodhart-lab');
        req.onsuccess = () => {
          const all = req.result.transaction('comparisons').objectStore('comparisons').getAll();
          all.onsuccess = () =>
            resolve(
              (all.result as { datasetId: string; aId: string; bId: string }[])
                .filter((c) => c.datasetId === 'twins')
                .map((c) => [c.aId, c.bId].sort().join('|')),
            );
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

test('two tabs as the same annotator split the pairs between them and count each other’s labels', async ({
  page,
  context,
}) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  await storeTinyDataset(page);
  await startLabeling(page, 'Twin');
  await page.getByLabel('Dataset').selectOption('twins');
  await expect(page.getByTestId('pair')).toContainText('Which is best?');

  const other = await context.newPage();
  await other.goto('/label');
  await other.getByLabel('Dataset').selectOption('twins');
  await expect(other.getByTestId('pair')).toContainText('Which is best?');
  // Each tab shows a pair the other is not showing.
  await expect.poll(async () => (await pairOf(page)) !== (await pairOf(other))).toBe(true);

  // The first tab judges its pair: the second tab counts it and keeps a pair nobody has judged.
  const first = await pairOf(page);
  await page.keyboard.press('1');
  await expect(other.getByText('1 labeled / 3 pairs available')).toBeVisible();
  expect(await pairOf(other)).not.toBe(first);

  // The second tab judges its pair. Only the first tab's pair is left, so both show it; the first tab judges
  // it and both are done.
  const second = await pairOf(other);
  await other.keyboard.press('2');
  await expect(other.getByText('2 labeled / 3 pairs available')).toBeVisible();
  await expect.poll(() => pairOf(other)).toBe(await pairOf(page));
  expect([first, second]).not.toContain(await pairOf(page));
  await page.keyboard.press('1');
  await expect(page.getByTestId('all-done')).toBeVisible();
  await expect(other.getByTestId('all-done')).toContainText('3 labels');

  // Three pairs, three labels, none twice.
  const pairs = await storedPairs(page);
  expect(pairs).toHaveLength(3);
  expect(new Set(pairs).size).toBe(3);

  // An undo in one tab gives the pair back in both.
  await page.keyboard.press('u');
  await expect(page.getByTestId('pair')).toBeVisible();
  await expect(other.getByTestId('all-done')).toHaveCount(0);
  await expect(other.getByTestId('pair')).toBeVisible();
  expect(await storedPairs(other)).toHaveLength(2);
});
