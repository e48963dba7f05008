// Import through the UI: the shared TruthfulQA CSV and HH-RLHF gzip import; a broken file shows its errors by
// line and leaves stored data unchanged; re-importing the same file adds nothing twice.
import { resolve } from 'node:path';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test, expect } from './fixtures';
import { countStore } from './helpers';

const SHARED = resolve(process.cwd(), '../shared/data');

async function snapshot(page: import('@playwright/test').Page) {
  const stores = ['datasets', 'prompts', 'responses', 'comparisons', 'annotators'];
  const out: Record<string, number> = {};
  for (const s of stores) out[s] = await countStore(page, s);
  return out;
}

test('TruthfulQA CSV imports as 817 prompts with gold labels', async ({ page }) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  await page.getByLabel('Files to import').setInputFiles(resolve(SHARED, 'TruthfulQA.csv'));
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('format truthfulqa-csv');
  await expect(summary).toContainText('817 prompts');
  await summary.getByRole('button', { name: /^Import/ }).click();
  await expect(summary.getByRole('status')).toContainText('Imported');
  await expect(page.getByTestId('datasets-table')).toContainText('817');
  expect(await countStore(page, 'prompts')).toBe(52 + 817);
});

test('HH-RLHF gzip imports; importing it again adds nothing twice', async ({ page }) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  const file = resolve(SHARED, 'hh-rlhf-harmless-test.jsonl.gz');
  await page.getByLabel('Files to import').setInputFiles(file);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('format hh-rlhf-jsonl', { timeout: 60_000 });
  await summary.getByRole('button', { name: /^Import/ }).click();
  await expect(summary.getByRole('status')).toContainText('Imported', { timeout: 60_000 });
  const first = await snapshot(page);
  expect(first.comparisons).toBeGreaterThan(2000);

  await page.getByLabel('Files to import').setInputFiles(file);
  await expect(page.getByTestId('import-plan')).toContainText('0 new', { timeout: 60_000 });
  await page
    .getByTestId('import-summary')
    .getByRole('button', { name: /^Import/ })
    .click();
  await expect(page.getByTestId('import-summary').getByRole('status')).toContainText('Imported');
  expect(await snapshot(page)).toEqual(first);
});

test('a broken file shows its errors with file:line and leaves the stored data unchanged', async ({
  page,
}) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  const before = await snapshot(page);
  const dir = mkdtempSync(resolve(tmpdir(), 'goodhart-e2e-'));
  const path = resolve(dir, 'broken.jsonl');
  writeFileSync(
    path,
    [
      JSON.stringify({ prompt: 'Is the sky blue?', chosen: 'Yes.', rejected: 'No.' }),
      '{"prompt": "unterminated',
      JSON.stringify({ prompt: 'Q2', chosen: 42, rejected: 'x' }),
    ].join('\n'),
  );
  await page.getByLabel('Files to import').setInputFiles(path);
  const issues = page.getByTestId('import-issues');
  await expect(issues).toContainText('broken.jsonl:2');
  await expect(issues).toContainText('broken.jsonl:3');
  // Nothing was written: only an explicit "import the valid rows" would write.
  await expect(page.getByRole('button', { name: /Import the 1 valid rows/ })).toBeVisible();
  expect(await snapshot(page)).toEqual(before);
});
