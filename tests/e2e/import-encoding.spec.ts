// Import through the UI reads bytes with the shared decoder (lib/core/formats/decode.ts): a gzip cut short is
// refused with the truncation named and nothing written (it used to show "50 of 50 rows valid"); a Latin-1
// file is read as Windows-1252 with a warning and its accents intact.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import zlib from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countStore } from './helpers';

const dir = mkdtempSync(resolve(tmpdir(), 'goodhart-e2e-encoding-'));
const rows = Array.from({ length: 50 }, (_, i) =>
  JSON.stringify({ prompt: `Question ${i}?`, chosen: `A good answer ${i}.`, rejected: `A bad answer ${i}.` }),
);

async function snapshot(page: Page) {
  const stores = ['datasets', 'prompts', 'responses', 'comparisons', 'annotators', 'packs', 'packHeads'];
  const out: Record<string, number> = {};
  for (const s of stores) out[s] = await countStore(page, s);
  return out;
}

test('a gzip cut at a flush point shows the truncation and writes nothing', async ({ page }) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  const before = await snapshot(page);
  const path = resolve(dir, 'cut.jsonl.gz');
  // Deflate data up to a sync flush point: no final block, no trailer (as a download stopped early).
  writeFileSync(path, zlib.gzipSync(rows.join('\n') + '\n', { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  await page.getByLabel('Files to import').setInputFiles(path);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Nothing valid to import from this file.');
  await expect(page.getByTestId('import-counts')).toContainText('0 of 0 rows valid, 1 errors');
  const issues = page.getByTestId('import-issues');
  await expect(issues).toContainText('cut.jsonl.gz:51');
  await expect(issues).toContainText(
    'truncated gzip file: the file ends before the end of its compressed stream',
  );
  await expect(summary.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  expect(await snapshot(page)).toEqual(before);
});

test('a Latin-1 file is read as Windows-1252 with a warning, accents intact', async ({ page }) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  const path = resolve(dir, 'fr.jsonl');
  const line = JSON.stringify({ prompt: 'Où est le café ?', chosen: 'Là-bas.', rejected: 'Ici.' });
  writeFileSync(path, Buffer.from(line + '\n', 'latin1'));
  await page.getByLabel('Files to import').setInputFiles(path);
  const issues = page.getByTestId('import-issues');
  await expect(issues).toContainText('fr.jsonl:1');
  await expect(issues).toContainText('not UTF-8 (byte 0xF9 at line 1): read as Windows-1252 (Latin-1)');
  await page.getByText('Preview the first prompts').click();
  await expect(page.getByTestId('import-summary')).toContainText('Où est le café ?');
  await expect(page.getByTestId('import-summary')).not.toContainText('\ufffd');
});
