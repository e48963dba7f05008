// Hostile names and texts in the browser (issue 10 §13–15): a right-to-left override in a name cannot
// reorder it or the count beside it; a 300-character name does not widen /data or /label at 1440 or 390 px;
// a 5 MB response shows its first part quickly with "Show all (5.0 MB)" and never widens the page; a URL in
// imported text is shown, not followed.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { datasetRows, putRows, type StoreRows } from './helpers';

const RLO = '\u202E';

/** Opens /data once so the app creates its database, then stores `rows`. */
async function seed(page: Page, rows: StoreRows): Promise<void> {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  await putRows(page, rows);
}

/** `n` labels by `annotatorId` on the first prompt pairs of dataset `id` (3 responses → 3 pairs, repeated). */
function labels(id: string, annotatorId: string, n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${id}-c${i}`,
    datasetId: id,
    promptId: `${id}-p0`,
    aId: `${id}-p0-r0`,
    bId: `${id}-p0-r1`,
    outcome: 'a',
    annotatorId,
    createdAt: 1000 + i,
    durationMs: 10,
  }));
}

/** Left edge (px) of the first occurrence of `text` inside the element matched by `selector`. */
async function leftOf(page: Page, selector: string, text: string): Promise<number> {
  return page.evaluate(
    ({ selector, text }) => {
      const root = document.querySelector(selector);
      if (!root) throw new Error(`no ${selector}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n.textContent ?? '').indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + text.length);
        return range.getBoundingClientRect().left;
      }
      throw new Error(`"${text}" not found in ${selector}`);
    },
    { selector, text },
  );
}

/** Open /label as an existing annotator (picked from the list) on dataset `datasetId`. */
async function labelAs(page: Page, annotatorId: string, datasetId: string): Promise<void> {
  await page.goto('/label');
  await page.getByLabel('Annotator').selectOption(annotatorId);
  await page.getByLabel('Dataset').selectOption(datasetId);
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('a right-to-left override in a name reorders neither the name nor its count', async ({ page }) => {
  await seed(page, {
    ...datasetRows('rlo', 1, 3, { name: `${RLO}gnp.exe` }),
    annotators: [{ id: 'ann-rlo', name: `${RLO}bob`, kind: 'human', created: 1 }],
  });
  await putRows(page, { comparisons: labels('rlo', 'ann-rlo', 72) });
  await page.reload();
  const row = page.getByTestId('datasets-table').locator('tr', { hasText: 'gnp.exe' });
  await expect(row).toContainText('bob: 72');
  expect(await row.innerText()).not.toContain(RLO);
  // Read on screen, left to right: "gnp.exe" (not "exe.png") in the name cell and "bob: 72" (not "27 :bob")
  // in the per-annotator cell.
  await row
    .locator('td')
    .nth(0)
    .evaluate((el) => el.setAttribute('data-probe', 'rlo-name'));
  await row
    .locator('td')
    .nth(4)
    .evaluate((el) => el.setAttribute('data-probe', 'rlo-counts'));
  expect(await leftOf(page, '[data-probe="rlo-name"]', 'gnp')).toBeLessThan(
    await leftOf(page, '[data-probe="rlo-name"]', 'exe'),
  );
  expect(await leftOf(page, '[data-probe="rlo-counts"]', 'bob')).toBeLessThan(
    await leftOf(page, '[data-probe="rlo-counts"]', '72'),
  );

  // Options cannot hold markup: there the override is removed and the name isolated.
  await labelAs(page, 'ann-rlo', 'rlo');
  const option = page.getByLabel('Dataset').locator('option[value="rlo"]');
  expect(await option.textContent()).toBe('\u2068gnp.exe\u2069');
  // Once labeling, the name form is folded into "Labeling as … · change".
  await page.getByRole('button', { name: /Change who is labeling/ }).click();
  expect(await page.getByLabel('Annotator').locator('option[value="ann-rlo"]').textContent()).toBe(
    '\u2068bob\u2069',
  );
  await expect(page.getByTestId('progress')).toContainText('for bob');
  expect(await page.getByTestId('progress').innerText()).not.toContain(RLO);
});

for (const width of [1440, 390]) {
  test(`a 300-character name does not widen /data or /label at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const short = { ...datasetRows('wide', 1, 3, { name: 'Wide' }) };
    await seed(page, {
      ...short,
      annotators: [{ id: 'ann-wide', name: 'Wi', kind: 'human', created: 1 }],
    });
    await putRows(page, { comparisons: labels('wide', 'ann-wide', 1) });
    // The widths with short names first: the long names must not add to them.
    await page.reload();
    await expect(page.getByTestId('datasets-table')).toContainText('Wide');
    const dataBefore = await pageWidth(page);
    await labelAs(page, 'ann-wide', 'wide');
    await expect(page.getByTestId('pair')).toBeVisible();
    const labelBefore = await pageWidth(page);

    const long = 'W'.repeat(300);
    await putRows(page, {
      datasets: [{ ...short.datasets[0], name: long }],
      annotators: [{ id: 'ann-wide', name: `A${'n'.repeat(299)}`, kind: 'human', created: 1 }],
    });
    await page.goto('/data');
    const name = page.getByTestId('datasets-table').locator('bdi', { hasText: 'WWWW' }).first();
    await expect(name).toHaveAttribute('title', long);
    expect(await pageWidth(page)).toBeLessThanOrEqual(Math.max(dataBefore, width));
    expect((await name.boundingBox())!.width).toBeLessThanOrEqual(Math.min(320, 0.6 * width) + 1);

    await page.goto('/label');
    await expect(page.getByTestId('pair')).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(Math.max(labelBefore, width));
    await page.getByRole('button', { name: /Change who is labeling/ }).click();
    expect(await pageWidth(page)).toBeLessThanOrEqual(Math.max(labelBefore, width));
    for (const select of ['Dataset', 'Annotator'])
      expect((await page.getByLabel(select).boundingBox())!.width).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `test-results/hostile-long-name-label-${width}.png` });
  });
}

test('a 5 MB response shows its start quickly, "Show all (5.0 MB)" adds the rest, the page stays narrow', async ({
  page,
}) => {
  // Long unbroken tokens and Markdown, 5 MiB in all.
  const huge = (() => {
    const block = `**Claim.** ${'x'.repeat(3000)} and more text\n\n`;
    return block.repeat(Math.ceil((5 * 1024 * 1024) / block.length)).slice(0, 5 * 1024 * 1024);
  })();
  await seed(page, {
    ...datasetRows('huge', 1, 2, { text: (_, r) => (r === 0 ? huge : 'A short answer.') }),
    annotators: [{ id: 'ann-huge', name: 'Hugo', kind: 'human', created: 1 }],
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/label');
  await page.getByLabel('Annotator').selectOption('ann-huge');
  const t0 = Date.now();
  await page.getByLabel('Dataset').selectOption('huge');
  const showAll = page.getByRole('button', { name: 'Show all (5.0 MB)' });
  await expect(showAll).toBeVisible();
  const shownMs = Date.now() - t0;
  expect(shownMs, 'time from choosing the dataset to the pair on screen').toBeLessThan(5000);
  expect(await pageWidth(page)).toBeLessThanOrEqual(1440);
  expect(await page.evaluate(() => document.body.innerText.length)).toBeLessThan(100_000);
  await page.screenshot({ path: 'test-results/hostile-5mb-label-1440.png' });

  await showAll.click();
  const rest = page.getByTestId('long-text-rest');
  await expect
    .poll(() => rest.evaluate((el) => (el.textContent ?? '').length), { timeout: 60_000 })
    .toBeGreaterThan(5 * 1024 * 1024 - 25_000);
  expect(await pageWidth(page)).toBeLessThanOrEqual(1440);
  console.log(`[hostile-ui] 5 MB response: pair on screen ${shownMs} ms after choosing the dataset`);
});

test('a URL in imported text is shown, and clicking it does not navigate', async ({ page, context }) => {
  await seed(page, {
    ...datasetRows('links', 1, 2, {
      text: (_, r) =>
        r === 0
          ? 'Visit https://evil.example/phish now.'
          : 'Read [the official docs](https://evil.example/docs) first.',
    }),
    annotators: [{ id: 'ann-links', name: 'Lin', kind: 'human', created: 1 }],
  });
  await labelAs(page, 'ann-links', 'links');
  const pair = page.locator('main');
  await expect(pair).toContainText('https://evil.example/phish');
  await expect(pair).toContainText('the official docs (https://evil.example/docs)');
  expect(await page.locator('main a[href*="evil.example"]').count()).toBe(0);
  const before = page.url();
  await page.getByText('https://evil.example/phish').click();
  await page.getByText('the official docs').click();
  expect(page.url()).toBe(before);
  expect(context.pages()).toHaveLength(1);
});

test('a file named with U+202E imports, and its name reads as typed in the summary, messages and table', async ({
  page,
}) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  const line = JSON.stringify({ prompt: 'Capital of Australia?', chosen: 'Canberra.', rejected: 'Sydney.' });
  await page.getByLabel('Files to import').setInputFiles({
    name: `${RLO}lnosj.exe`,
    mimeType: 'application/jsonl',
    buffer: Buffer.from(`${line}\n`),
  });
  const summary = page.getByTestId('import-summary');
  await expect(summary.locator('h3')).toContainText('lnosj.exe');
  expect(await summary.innerText()).not.toContain(RLO);
  await summary.locator('h3').evaluate((el) => el.setAttribute('data-probe', 'rlo-file'));
  // On screen, left to right: "lnosj" before "exe" (an override would show "exe.jsonl").
  expect(await leftOf(page, '[data-probe="rlo-file"]', 'lnosj')).toBeLessThan(
    await leftOf(page, '[data-probe="rlo-file"]', 'exe'),
  );
  await summary.getByTestId('import-counts').evaluate((el) => el.setAttribute('data-probe', 'rlo-counts'));
  expect(await leftOf(page, '[data-probe="rlo-counts"]', 'Would import')).toBeLessThan(
    await leftOf(page, '[data-probe="rlo-counts"]', '1 prompts'),
  );
  await summary.getByRole('button', { name: 'Import' }).click();
  await expect(summary.getByRole('status')).toContainText('Imported');
  const row = page.getByTestId('datasets-table').locator('tr', { hasText: 'lnosj' });
  await expect(row).toBeVisible();
  expect(await row.innerText()).not.toContain(RLO);
});

test('a leaderboard item named with a bidi override reads as typed', async ({ page }) => {
  const rows = datasetRows('lbrlo', 1, 2);
  rows.responses[0].source = `${RLO}tpg`;
  rows.responses[1].source = 'claude';
  await seed(page, {
    ...rows,
    annotators: [{ id: 'ann-lb', name: 'Lee', kind: 'human', created: 1 }],
  });
  await putRows(page, { comparisons: labels('lbrlo', 'ann-lb', 6) });
  await page.reload();
  await page.locator('#lb-dataset').selectOption('lbrlo');
  await page.locator('#lb-kind').selectOption('source');
  const board = page.getByTestId('leaderboard');
  await expect(board).toContainText('tpg');
  expect(await board.innerText()).not.toContain(RLO);
  const item = board.locator('bdi', { hasText: 'tpg' });
  await expect(item).toHaveAttribute('title', 'tpg');
  await item.evaluate((el) => el.setAttribute('data-probe', 'rlo-item'));
  // On screen the name reads "tpg", left to right (an override would show "gpt").
  expect(await leftOf(page, '[data-probe="rlo-item"]', 't')).toBeLessThan(
    await leftOf(page, '[data-probe="rlo-item"]', 'pg'),
  );
});

test('a 5 MB response in the import preview shows only its start, quickly, and the page stays narrow', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  const before = await pageWidth(page);
  const huge = `${'y'.repeat(3000)} `.repeat(Math.ceil((5 * 1024 * 1024) / 3001)).slice(0, 5 * 1024 * 1024);
  const line = JSON.stringify({ prompt: 'Long?', chosen: huge, rejected: 'Short.' });
  await page.getByLabel('Files to import').setInputFiles({
    name: 'huge.jsonl',
    mimeType: 'application/jsonl',
    buffer: Buffer.from(`${line}\n`),
  });
  const summary = page.getByTestId('import-summary');
  await expect(summary.getByTestId('import-counts')).toBeVisible({ timeout: 30_000 });
  const t0 = Date.now();
  await summary.getByText('Preview the first prompts').click();
  const response = summary.locator('details li li').first();
  await expect(response).toContainText('yyyy');
  const shownMs = Date.now() - t0;
  // The preview holds the first characters of each text (cut with "…"), never the 5 MB.
  expect((await response.innerText()).length).toBeLessThan(1000);
  expect(shownMs, 'time from opening the preview to the response on screen').toBeLessThan(3000);
  expect(await pageWidth(page)).toBeLessThanOrEqual(Math.max(before, 1440));
  expect(await page.evaluate(() => document.body.innerText.length)).toBeLessThan(100_000);
  console.log(`[hostile-ui] 5 MB response in the import preview: on screen ${shownMs} ms after opening it`);
});
