// A ranked-candidates line with 10,000 responses (49,995,000 pairs) used to crash the tab while parsing.
// Now /data refuses it on its line with the cap and nothing is written; choosing "adjacent pairs only"
// imports its 9,999 neighbouring comparisons.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { countStore } from './helpers';

test('a 10,000-response ranking is refused by line, adds nothing, and imports as adjacent pairs when chosen', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'gl-rank-cap-'));
  const file = join(dir, 'long-ranking.jsonl');
  const k = 10_000;
  writeFileSync(
    file,
    JSON.stringify({
      prompt: 'Order these answers',
      responses: Array.from({ length: k }, (_, i) => `answer ${i}`),
      ranking: Array.from({ length: k }, (_, i) => i),
    }) + '\n',
  );

  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  const before = await countStore(page, 'comparisons');
  const responsesBefore = await countStore(page, 'responses');
  await page.getByLabel('Files to import').setInputFiles(file);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('0 of 1 rows valid');
  await expect(summary.getByTestId('import-issues')).toContainText(
    'long-ranking.jsonl:1rankingranks 10,000 responses: all pairs would be 49,995,000 comparisons, more than the 10,000 one ranking may expand into (at most 141 responses)',
  );
  await expect(summary).toContainText('Nothing valid to import from this file.');
  expect(await countStore(page, 'comparisons')).toBe(before);
  expect(await countStore(page, 'responses')).toBe(responsesBefore);

  await page.getByLabel('A ranking gives').selectOption('adjacent');
  await page.getByLabel('Files to import').setInputFiles(file);
  const second = page.getByTestId('import-summary').last();
  await expect(second).toContainText('1 of 1 rows valid');
  await expect(second).toContainText('9,999 labels');
  await second.getByRole('button', { name: /^Import/ }).click();
  await expect(second.getByRole('status')).toContainText('Imported');
  await expect(page.getByTestId('datasets-table')).toContainText('long-ranking');
});
