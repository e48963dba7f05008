// Import through the UI: the shared TruthfulQA CSV and HH-RLHF gzip import (both large enough to be stored in
// packs, lib/db/packs.ts) and can be labelled at once; a broken file shows its errors by line and leaves stored
// data unchanged; re-importing the same file adds nothing twice.
import { resolve } from 'node:path';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test, expect } from './fixtures';
import { countStore } from './helpers';

const SHARED = resolve(process.cwd(), '../shared/data');

async function snapshot(page: import('@playwright/test').Page) {
  const stores = ['datasets', 'prompts', 'responses', 'comparisons', 'annotators', 'packs', 'packHeads'];
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
  // A bulk import is packed: the demo's 52 prompts are the only prompt rows.
  expect(await countStore(page, 'prompts')).toBe(52);
  expect(await countStore(page, 'packs')).toBeGreaterThan(0);

  // The imported questions are labelled like any other dataset, and the label survives a reload.
  await page.goto('/label');
  await page.getByLabel(/your name|or a new name/i).fill('Quinn');
  await page.getByRole('button', { name: 'Start labeling' }).click();
  const dataset = page.getByLabel('Dataset');
  const value = await dataset.locator('option', { hasText: 'TruthfulQA' }).first().getAttribute('value');
  await dataset.selectOption(value!);
  const pair = page.getByTestId('pair');
  await expect(pair).toBeVisible();
  const shown = await pair.getAttribute('data-pair');
  await page.keyboard.press('1');
  await expect(pair).not.toHaveAttribute('data-pair', shown ?? '');
  expect(await countStore(page, 'comparisons')).toBe(1);
  await page.reload();
  await expect(page.getByTestId('pair')).toBeVisible();
  expect(await countStore(page, 'comparisons')).toBe(1);
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toContainText('Quinn');
});

test('HH-RLHF gzip imports; importing it again adds nothing twice', async ({ page }) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  const file = resolve(SHARED, 'hh-rlhf-harmless-test.jsonl.gz');
  await page.getByLabel('Files to import').setInputFiles(file);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('format hh-rlhf-jsonl', { timeout: 60_000 });
  const labels = Number(
    /([\d,]+) labels/
      .exec((await page.getByTestId('import-counts').textContent()) ?? '')?.[1]
      .replace(/,/g, ''),
  );
  expect(labels).toBeGreaterThan(2000);
  await summary.getByRole('button', { name: /^Import/ }).click();
  await expect(summary.getByRole('status')).toContainText('Imported', { timeout: 60_000 });
  // Stored in packs (the original raters' labels too); the list counts them from the pack heads.
  await expect(page.getByTestId('datasets-table')).toContainText(String(labels));
  const first = await snapshot(page);
  expect(first.comparisons).toBe(0);
  expect(first.packs).toBeGreaterThanOrEqual(3);

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
