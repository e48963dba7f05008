// /label on one screen (issue 13): the decision bar is on screen for every demo pair at 1440×900, the gold
// reveal names the pair just judged, Saved/Undone are visible, undo steps back several decisions (or undoes a
// chosen one) in IndexedDB and in the other tab, the name form collapses, imports' pseudo-annotators are not
// offered, an HH-RLHF import shows its content warning before the first pair, and nothing scrolls sideways on
// a phone.
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countStore, datasetRows, pressAndWaitForNextPair, putRows, startLabeling } from './helpers';

const SHARED = resolve(process.cwd(), '../shared/data');
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Ids of the stored rows of one store, read straight from IndexedDB. */
function storedIds(page: Page, store: string): Promise<string[]> {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((done, fail) => {
        const req = indexedDB.open('goodhart-lab');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const keys = req.result.transaction(name).objectStore(name).getAllKeys();
          keys.onsuccess = () => {
            done((keys.result as string[]).sort());
            req.result.close();
          };
        };
      }),
    store,
  );
}

test('at 1440×900 both "better" buttons are on screen for every demo pair, with both responses in view', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await startLabeling(page, 'Fold Fay');
  const total = Number(/\/ (\d+) pairs/.exec((await page.getByTestId('progress').innerText()) ?? '')?.[1]);
  expect(total).toBe(312);
  for (let i = 0; i < total; i++) {
    const boxes = await page.evaluate(() => {
      const button = (name: RegExp) =>
        [...document.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''));
      const rect = (el: Element | null | undefined) => {
        const r = el?.getBoundingClientRect();
        return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
      };
      return {
        left: rect(button(/^← Left better/)),
        right: rect(button(/^Right better/)),
        bar: rect(document.querySelector('[data-testid="decision-bar"]')),
        paneL: rect(document.querySelector('[data-testid="pane-left"]')),
        paneR: rect(document.querySelector('[data-testid="pane-right"]')),
        pair: document.querySelector('[data-testid="pair"]')?.getAttribute('data-pair'),
      };
    });
    for (const b of [boxes.left, boxes.right]) {
      expect(b, `pair ${i} (${boxes.pair}): a "better" button`).not.toBeNull();
      expect(b!.top, `pair ${i} (${boxes.pair})`).toBeGreaterThanOrEqual(0);
      expect(b!.bottom, `pair ${i} (${boxes.pair})`).toBeLessThanOrEqual(900);
      expect(b!.right, `pair ${i} (${boxes.pair})`).toBeLessThanOrEqual(1440);
    }
    // Both responses start above the bar: at least 8 rem of each is readable without scrolling the page.
    for (const p of [boxes.paneL, boxes.paneR])
      expect(boxes.bar!.top - p!.top, `pair ${i} (${boxes.pair}): response in view`).toBeGreaterThan(128);
    if (i < total - 1) await pressAndWaitForNextPair(page, i % 2 ? '2' : '1');
    else await page.keyboard.press('1');
  }
  await expect(page.getByTestId('all-done')).toBeVisible();
  expect(await countStore(page, 'comparisons')).toBe(312);
});

test('the reveal names the pair just judged, never the one now shown; Saved and Undone are visible', async ({
  page,
}) => {
  await startLabeling(page, 'Reveal Rae');
  await page.getByLabel('Reveal gold after each judgment').click();
  const pair = page.getByTestId('pair');
  const judged = await pair.getAttribute('data-prompt-id');
  const judgedText = (await pair.locator('.text-lg').innerText()).trim();
  await pressAndWaitForNextPair(page, '1');
  const reveal = page.getByTestId('reveal');
  await expect(reveal).toHaveAttribute('data-prompt-id', judged!);
  expect(await pair.getAttribute('data-prompt-id')).not.toBe(judged);
  await expect(reveal).toContainText(/Left was (correct|incorrect)/);
  const named = (await reveal.getByTestId('reveal-prompt').innerText()).replace(/…$/, '');
  expect(named.length).toBeGreaterThan(10);
  // The prompt as rendered (Markdown) against its opening words as named (raw text): marks aside, the same.
  const plain = (t: string) => t.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();
  expect(plain(judgedText).startsWith(plain(named))).toBe(true);

  const status = page.getByTestId('status');
  await expect(status).toBeVisible();
  await expect(status).toContainText(`Saved: left better on “${named}`);
  await expect(page.getByTestId('flash')).toHaveText('✓ Saved');
  await expect(page.getByTestId('flash')).toBeVisible();
  await page.keyboard.press('u');
  await expect(status).toContainText('Undone: “left better”');
  await expect(page.getByTestId('flash')).toHaveText('↶ Undone');
  // The undone pair is back on screen, and no reveal speaks of a decision that no longer exists.
  await expect(pair).toHaveAttribute('data-prompt-id', judged!);
  await expect(reveal).toHaveCount(0);
});

test('undo steps back three decisions, a chosen earlier one is undone exactly, and the other tab agrees', async ({
  page,
  context,
}) => {
  await startLabeling(page, 'Undo Uma');
  for (const key of ['1', '2', 't', 's', '1']) await pressAndWaitForNextPair(page, key);
  expect(await countStore(page, 'comparisons')).toBe(4);
  expect(await countStore(page, 'skips')).toBe(1);
  const items = page.getByTestId('recent-item');
  await expect(items).toHaveCount(5);

  // U three times: the newest three decisions (left better, the skip, the tie) go, newest first.
  const status = page.getByTestId('status');
  for (const what of ['left better', 'skipped', 'tie']) {
    await page.keyboard.press('u');
    await expect(status).toContainText(`Undone: “${what}”`);
  }
  expect(await countStore(page, 'comparisons')).toBe(2);
  expect(await countStore(page, 'skips')).toBe(0);
  await expect(items).toHaveCount(2);

  // Three more, then undo the oldest of the strip by its own button, from a second tab's point of view too.
  for (const key of ['1', '2', '1']) await pressAndWaitForNextPair(page, key);
  const other = await context.newPage();
  await other.goto('/label');
  await expect(other.getByTestId('recent-item')).toHaveCount(5);
  const before = await storedIds(page, 'comparisons');
  expect(before).toHaveLength(5);
  const oldest = items.last();
  const id = await oldest.getAttribute('data-id');
  expect(before).toContain(id);
  await oldest.getByRole('button', { name: /^Undo/ }).click();
  await expect(status).toContainText('Undone: “left better”');
  expect(await storedIds(page, 'comparisons')).toEqual(before.filter((x) => x !== id));
  await expect(items).toHaveCount(4);
  await expect(other.getByTestId('recent-item')).toHaveCount(4);
  await expect(other.locator(`[data-testid="recent-item"][data-id="${id}"]`)).toHaveCount(0);
  await expect(other.getByTestId('progress')).toContainText('4 labeled');
  await expect(page.getByTestId('progress')).toContainText('4 labeled');
});

test('the name form collapses once labeling starts; "change" opens it and choosing closes it', async ({
  page,
}) => {
  await startLabeling(page, 'Tidy Tom');
  await expect(page.getByTestId('labeling-as')).toContainText('Labeling as Tidy Tom');
  await expect(page.getByLabel(/or a new name/i)).toHaveCount(0);
  await expect(page.getByLabel('Annotator')).toHaveCount(0);
  await page.getByRole('button', { name: /Change who is labeling/ }).click();
  await page.getByLabel(/or a new name/i).fill('Other Olga');
  await page.getByRole('button', { name: 'Start labeling' }).click();
  await expect(page.getByTestId('labeling-as')).toContainText('Labeling as Other Olga');
  await expect(page.getByLabel('Annotator')).toHaveCount(0);
});

test('an HH-RLHF import: its pseudo-annotator is never offered, its content warning comes before the first pair', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  await page.getByLabel('Files to import').setInputFiles(resolve(SHARED, 'hh-rlhf-harmless-test.jsonl.gz'));
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('format hh-rlhf-jsonl', { timeout: 60_000 });
  await expect(page.getByTestId('import-content-warning-note')).toContainText('offensive');
  await summary.getByRole('button', { name: /^Import/ }).click();
  await expect(summary.getByRole('status')).toContainText('Imported', { timeout: 60_000 });
  // A person too, so the picker shows its list.
  await putRows(page, { annotators: [{ id: 'ann-rita', name: 'Real Rita', kind: 'human', created: 1 }] });

  await page.goto('/label');
  const select = page.getByLabel('Annotator');
  await expect(select.locator('option', { hasText: 'Real Rita' })).toHaveCount(1);
  await expect(select.locator('option', { hasText: 'import:' })).toHaveCount(0);
  await page.getByLabel(/or a new name/i).fill('import: hh-rlhf-harmless-test.jsonl.gz');
  await page.getByRole('button', { name: 'Start labeling' }).click();
  await expect(page.getByText(/Names starting with “import:” are kept/)).toBeVisible();
  await select.selectOption('ann-rita');

  const dataset = page.getByLabel('Dataset');
  const value = await dataset.locator('option', { hasText: 'hh-rlhf' }).first().getAttribute('value');
  await dataset.selectOption(value!);
  const warning = page.getByTestId('content-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('red-team');
  await expect(page.getByTestId('pair')).toHaveCount(0);
  // The decision keys do nothing behind the warning.
  await page.keyboard.press('1');
  await page.keyboard.press('s');
  await page.waitForTimeout(300);
  expect(await countStore(page, 'comparisons')).toBe(0);
  expect(await countStore(page, 'skips')).toBe(0);
  await warning.getByRole('button', { name: /I understand/ }).click();
  await expect(page.getByTestId('pair')).toBeVisible();
  await pressAndWaitForNextPair(page, '1');
  expect(await countStore(page, 'comparisons')).toBe(1);
  // Remembered for this dataset.
  await page.reload();
  await expect(page.getByTestId('pair')).toBeVisible();
  await expect(page.getByTestId('content-warning')).toHaveCount(0);
});

test('no horizontal scroll on /label at 390×844 (pairs, the change form, rank), the bar still on screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await startLabeling(page, 'Phone Pia');
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  for (const name of [/^← Left better/, /^Right better/, /^Undo$/]) {
    const box = (await page.getByRole('button', { name }).boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await pressAndWaitForNextPair(page, '2');
  await page.getByRole('button', { name: /Change who is labeling/ }).click();
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await page.getByRole('tab', { name: 'Rank' }).click();
  await expect(page.getByTestId('rank-prompt')).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  const submit = (await page.getByRole('button', { name: /Submit ranking/ }).boundingBox())!;
  expect(submit.y + submit.height).toBeLessThanOrEqual(844);
});

test('rank mode at 1440×900: submit and undo are on screen, and the name form is collapsed', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await startLabeling(page, 'Rank Ron');
  await page.getByRole('tab', { name: 'Rank' }).click();
  await expect(page.getByTestId('rank-prompt')).toBeVisible();
  await expect(page.getByTestId('labeling-as')).toContainText('Ranking as Rank Ron');
  for (const name of [/Submit ranking/, /Undo last ranking/]) {
    const box = (await page.getByRole('button', { name }).boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
  }
});

test('rank mode waits behind the content warning too; acknowledged once, pairs mode shows pairs', async ({
  page,
}) => {
  await startLabeling(page, 'Warned Wim');
  const rows = datasetRows('cw', 3, 4, { name: 'Warned set' });
  rows.datasets[0].contentWarning = 'Graphic descriptions of surgery.';
  await putRows(page, rows);
  await page.reload();
  await page.getByLabel('Dataset').selectOption('cw');
  await expect(page.getByTestId('content-warning')).toContainText('Graphic descriptions of surgery.');
  await page.getByRole('tab', { name: 'Rank' }).click();
  const warning = page.getByTestId('content-warning');
  await expect(warning).toContainText('Graphic descriptions of surgery.');
  await expect(page.getByTestId('rank-prompt')).toHaveCount(0);
  // Enter (submit) and U do nothing behind the warning, nor does Enter acknowledge it unasked.
  await page.keyboard.press('Enter');
  await page.keyboard.press('u');
  await page.waitForTimeout(300);
  expect(await countStore(page, 'rankings')).toBe(0);
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: /I understand/ }).click();
  await expect(page.getByTestId('rank-prompt')).toBeVisible();
  await page.getByRole('tab', { name: 'Pairs' }).click();
  await expect(page.getByTestId('pair')).toBeVisible();
  await expect(page.getByTestId('content-warning')).toHaveCount(0);
});
