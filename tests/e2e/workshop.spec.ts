// Workshop mode: each participant exports one file; the facilitator imports them all (twice: nothing doubles),
// and the agreement panel shows the room's figures. TRL export downloads lines TRL can read.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { countStore, pressAndWaitForNextPair, startLabeling } from './helpers';

test('participants hand in files; the facilitator merges them once and sees agreement', async ({
  browser,
}) => {
  const files: string[] = [];
  for (const name of ['Ada', 'Bo']) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await startLabeling(page, name);
    for (const key of ['1', '2', '1', '2', 't']) await pressAndWaitForNextPair(page, key);
    await page.goto('/data');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `Export my labels (${name})` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      new RegExp(`^goodhart-session-${name}-\\d{4}-\\d\\d-\\d\\d\\.json$`),
    );
    const path = `${test.info().outputPath(file.suggestedFilename())}`;
    await file.saveAs(path);
    files.push(path);
    await ctx.close();
  }

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  for (let round = 0; round < 2; round++) {
    await page.getByLabel('Files to import').setInputFiles(files);
    await expect(page.getByTestId('import-summary')).toHaveCount(2);
    await page.getByRole('button', { name: 'Import all 2 valid files' }).click();
    await expect(page.getByTestId('import-summary').getByRole('status')).toHaveCount(2);
    expect(await countStore(page, 'comparisons')).toBe(10);
    expect(await countStore(page, 'annotators')).toBe(2);
    expect(await countStore(page, 'datasets')).toBe(1);
  }
  await expect(page.getByTestId('raters-vs-gold')).toContainText('Ada');
  await expect(page.getByTestId('raters-vs-gold')).toContainText('Bo');
  await expect(page.getByTestId('room-alpha')).toContainText('Krippendorff');
  // The room's labels as an Arena-style leaderboard of response styles.
  await expect(page.getByTestId('leaderboard')).toContainText(/fluent|hedged/);
  await ctx.close();
});

test('TRL export: one JSON object per line with prompt, chosen, rejected, margin', async ({ page }) => {
  await startLabeling(page, 'Exporter');
  for (const key of ['1', 'Shift+2', 't']) await pressAndWaitForNextPair(page, key);
  await page.goto('/data');
  await page.getByLabel('Export format').selectOption('trl');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const file = await download;
  const lines = readFileSync((await file.path())!, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines).toHaveLength(2); // the tie is dropped by default
  for (const l of lines) expect(Object.keys(l).sort()).toEqual(['chosen', 'margin', 'prompt', 'rejected']);
  expect(lines.map((l) => l.margin).sort()).toEqual([1, 2]);
});
