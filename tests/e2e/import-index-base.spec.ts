// Winner numbers that count from 1 (1 = first output) are read the right way round through /data, the
// preview says which reading was used, and a column that fits both readings stops the import until the
// mapping form says which base it uses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countStore } from './helpers';

/** The text of the winning response of every stored comparison, read straight from IndexedDB. */
async function storedWinners(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('goodhart-lab');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['comparisons', 'responses'], 'readonly');
          const cmp = tx.objectStore('comparisons').getAll();
          const rsp = tx.objectStore('responses').getAll();
          tx.oncomplete = () => {
            const text = new Map<string, string>(
              (rsp.result as { id: string; text: string }[]).map((r) => [r.id, r.text]),
            );
            const rows = cmp.result as { aId: string; bId: string; outcome: string }[];
            resolve(rows.map((c) => text.get(c.outcome === 'a' ? c.aId : c.bId) ?? '?').sort());
            db.close();
          };
        };
      }),
  );
}

test('a 1-based judgment CSV imports every winner the right way round, and says how it was read', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'gl-base-'));
  const rows = ['question,response_a,response_b,winner'];
  const expected: string[] = [];
  for (let i = 0; i < 40; i++) {
    const second = i % 3 === 0;
    rows.push(`Question ${i}?,first ${i},second ${i},${second ? 2 : 1}`);
    expected.push(second ? `second ${i}` : `first ${i}`);
  }
  const file = join(dir, 'judgments.csv');
  writeFileSync(file, rows.join('\n') + '\n');

  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  const before = await countStore(page, 'comparisons');
  await page.getByLabel('Files to import').setInputFiles(file);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('40 of 40 rows valid');
  await expect(summary.getByTestId('import-readings')).toContainText(
    'winner, inferred: check it): winner numbers read as 1-based',
  );
  await summary.getByRole('button', { name: /^Import/ }).click();
  await expect(summary.getByRole('status')).toContainText('Imported');
  expect(await countStore(page, 'comparisons')).toBe(before + 40);
  expect(await storedWinners(page)).toEqual(expected.sort());
});

test('an ambiguous winner column is refused with the fix, and the mapping form fixes it', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'gl-base-'));
  const file = join(dir, 'mixed.csv');
  writeFileSync(file, 'question,response_a,response_b,winner\nA?,x,y,0\nB?,x,y,2\nC?,x,y,1\n');

  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  const before = await countStore(page, 'comparisons');
  await page.getByLabel('Files to import').setInputFiles(file);
  const summary = page.getByTestId('import-summary');
  await expect(summary.getByTestId('import-issues')).toContainText(
    'mixed.csv:3winnercannot tell whether the winner numbers in "winner" count from 0 or from 1',
  );
  await expect(summary).toContainText('0 of 3 rows valid');
  expect(await countStore(page, 'comparisons')).toBe(before);

  // "2" cannot be 0-based with two responses: say the file counts from 1 (line 2's 0 is then refused).
  await summary.getByLabel('Prompt').selectOption('question');
  await summary.getByLabel('Responses (one or more)').selectOption(['response_a', 'response_b']);
  await summary.getByLabel('Winner', { exact: true }).selectOption('winner');
  await summary.getByLabel('Winner numbers count from').selectOption('1');
  await summary.getByRole('button', { name: 'Apply mapping' }).click();
  const remapped = page.getByTestId('import-summary');
  await expect(remapped).toContainText('2 of 3 rows valid');
  await expect(remapped.getByTestId('import-readings')).toContainText(
    '(winner): winner numbers read as 1-based',
  );
  await expect(remapped.getByTestId('import-issues')).toContainText(
    'winner 0 is not a response of this row (2 responses: 1–2, counting from 1)',
  );
});
