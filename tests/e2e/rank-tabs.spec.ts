// Two tabs as one annotator (issue 10 §8). Rank mode: the tabs show different prompts while one is free,
// count each other's rankings, and an undo in one gives the prompt back in the other. Both modes: when two
// tabs decide the same last pair / prompt in the same instant (their BroadcastChannel silenced, so neither
// hears the other first), IndexedDB keeps exactly one and the other tab says it was already decided.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { datasetRows, putRows, readStore, startLabeling } from './helpers';

/** Stores dataset `id` with `prompts` prompts of `k` responses each, straight into IndexedDB. */
const storeDataset = (page: Page, id: string, prompts: number, k: number) =>
  putRows(page, datasetRows(id, prompts, k));

/** Every row of a store that belongs to dataset `id`. */
async function rowsOf(page: Page, store: string, id: string): Promise<Record<string, unknown>[]> {
  return (await readStore(page, store)).filter((r) => r.datasetId === id);
}

/** From now on this tab tells the other tabs nothing: as if their messages were still in flight. */
async function silence(page: Page): Promise<void> {
  await page.evaluate(() => {
    BroadcastChannel.prototype.postMessage = () => {};
  });
}

/** Press `key` in a tab with the focus out of any form field (on the first candidate in rank mode). */
async function press(page: Page, key: string): Promise<void> {
  await page.evaluate(() => {
    const handle = document.querySelector<HTMLElement>('[data-rank-handle]');
    if (handle) handle.focus();
    else (document.activeElement as HTMLElement | null)?.blur();
  });
  await page.keyboard.press(key);
}

const promptOf = (page: Page) => page.getByTestId('rank-prompt').getAttribute('data-prompt-id');

async function openRank(page: Page, dataset: string): Promise<void> {
  await page.getByRole('tab', { name: 'Rank' }).click();
  await page.getByLabel('Dataset').selectOption(dataset);
  await expect(page.getByTestId('rank-progress')).toContainText('/ 2 prompts');
  await expect(page.getByTestId('rank-card')).toHaveCount(3);
}

test('two tabs ranking as one annotator split the prompts, count each other and share undo', async ({
  page,
  context,
}) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  await storeDataset(page, 'rank-twins', 2, 3);
  await startLabeling(page, 'Rank Twin');
  await openRank(page, 'rank-twins');

  const other = await context.newPage();
  await other.goto('/label'); // the Rank tab is remembered
  await other.getByLabel('Dataset').selectOption('rank-twins');
  await expect(other.getByTestId('rank-card')).toHaveCount(3);
  // Each tab shows a prompt the other is not showing.
  await expect.poll(async () => (await promptOf(page)) !== (await promptOf(other))).toBe(true);

  // The first tab ranks its prompt: the second counts it; only the second's prompt is left, so both show it.
  const first = await promptOf(page);
  await press(page, 'Enter');
  await expect(other.getByTestId('rank-progress')).toContainText('1 ranked / 2 prompts');
  await expect(page.getByTestId('rank-progress')).toContainText('1 ranked / 2 prompts');
  expect(await promptOf(other)).not.toBe(first);
  await expect.poll(() => promptOf(page)).toBe(await promptOf(other));

  // The second tab ranks it: the first moves on to "done" without ranking it again.
  await press(other, 'Enter');
  await expect(other.getByTestId('rank-all-done')).toBeVisible();
  await expect(page.getByTestId('rank-all-done')).toBeVisible();
  await expect(page.getByTestId('rank-progress')).toContainText('2 ranked / 2 prompts');
  const rankings = await rowsOf(page, 'rankings', 'rank-twins');
  expect(rankings.map((r) => r.promptId).sort()).toEqual(['rank-twins-p0', 'rank-twins-p1']);
  expect(await rowsOf(page, 'comparisons', 'rank-twins')).toHaveLength(2 * 3);

  // An undo in the second tab gives its prompt back in both.
  await press(other, 'u');
  await expect(other.getByTestId('rank-card')).toHaveCount(3);
  await expect(page.getByTestId('rank-all-done')).toHaveCount(0);
  await expect(page.getByTestId('rank-progress')).toContainText('1 ranked / 2 prompts');
  expect(await rowsOf(page, 'rankings', 'rank-twins')).toHaveLength(1);
});

test('two tabs submitting the same last prompt in the same instant store one ranking', async ({
  page,
  context,
}) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  await storeDataset(page, 'rank-race', 2, 3);
  await startLabeling(page, 'Rank Racer');
  await openRank(page, 'rank-race');
  const other = await context.newPage();
  await other.goto('/label');
  await other.getByLabel('Dataset').selectOption('rank-race');
  await expect(other.getByTestId('rank-card')).toHaveCount(3);
  await expect.poll(async () => (await promptOf(page)) !== (await promptOf(other))).toBe(true);
  await press(page, 'Enter');
  await expect.poll(() => promptOf(page)).toBe(await promptOf(other));
  const last = await promptOf(page);

  await silence(page);
  await silence(other);
  await Promise.all([press(page, 'Enter'), press(other, 'Enter')]);
  await expect(page.getByTestId('rank-all-done')).toBeVisible();
  await expect(other.getByTestId('rank-all-done')).toBeVisible();

  const rankings = await rowsOf(page, 'rankings', 'rank-race');
  expect(rankings.filter((r) => r.promptId === last)).toHaveLength(1);
  expect(rankings).toHaveLength(2);
  expect(await rowsOf(page, 'comparisons', 'rank-race')).toHaveLength(2 * 3);
  // Exactly one tab says its ranking was refused, and why.
  const refused = [page, other].map((p) => p.getByTestId('rank-tab-conflict'));
  await expect.poll(async () => (await refused[0].count()) + (await refused[1].count())).toBe(1);
  const shown = (await refused[0].count()) ? refused[0] : refused[1];
  await expect(shown).toHaveText(
    'This prompt was already ranked in another tab: the first ranking was kept and this one was not saved.',
  );
});

test('two tabs judging the last pair in the same instant store exactly one judgment', async ({
  page,
  context,
}) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  await storeDataset(page, 'pair-race', 1, 3); // three pairs
  await startLabeling(page, 'Pair Racer');
  await page.getByRole('tab', { name: 'Pairs' }).click();
  await page.getByLabel('Dataset').selectOption('pair-race');
  await expect(page.getByTestId('progress')).toContainText('0 labeled / 3 pairs available');
  const other = await context.newPage();
  await other.goto('/label');
  await other.getByLabel('Dataset').selectOption('pair-race');
  await expect(other.getByTestId('pair')).toBeVisible();

  // Each tab judges one pair; the last one is then on screen in both.
  const pairOf = async (p: Page) =>
    ((await p.getByTestId('pair').getAttribute('data-pair')) ?? '').split('|').sort().join('|');
  await expect.poll(async () => (await pairOf(page)) !== (await pairOf(other))).toBe(true);
  await press(page, '1');
  await expect(other.getByTestId('progress')).toContainText('1 labeled / 3 pairs available');
  await press(other, '2');
  await expect(page.getByTestId('progress')).toContainText('2 labeled / 3 pairs available');
  await expect.poll(() => pairOf(other)).toBe(await pairOf(page));

  await silence(page);
  await silence(other);
  await Promise.all([press(page, '1'), press(other, '2')]);
  await expect(page.getByTestId('all-done')).toBeVisible();
  await expect(other.getByTestId('all-done')).toBeVisible();

  const stored = (await rowsOf(page, 'comparisons', 'pair-race')).map((c) =>
    [c.aId, c.bId].map(String).sort().join('|'),
  );
  expect(stored).toHaveLength(3);
  expect(new Set(stored).size).toBe(3);
  const refused = [page, other].map((p) => p.getByTestId('tab-conflict'));
  await expect.poll(async () => (await refused[0].count()) + (await refused[1].count())).toBe(1);
  const shown = (await refused[0].count()) ? refused[0] : refused[1];
  await expect(shown).toHaveText(
    'This pair was already judged in another tab: the first judgment was kept and this one was not saved.',
  );
});

test('with every prompt ranked, U undoes the last ranking and then says there is nothing to undo', async ({
  page,
}) => {
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  await storeDataset(page, 'rank-undo', 2, 3);
  await startLabeling(page, 'Rank Undoer');
  await openRank(page, 'rank-undo');
  await press(page, 'Enter');
  await expect(page.getByTestId('rank-progress')).toContainText('1 ranked / 2 prompts');
  await press(page, 'Enter');
  await expect(page.getByTestId('rank-all-done')).toBeVisible();
  // Nothing on screen to rank: U still answers, in the done panel.
  await press(page, 'u');
  await expect(page.getByTestId('rank-card')).toHaveCount(3);
  await expect(page.getByTestId('rank-status')).toHaveText(
    'Undone: the last ranking was removed and is shown again.',
  );
  await press(page, 'u');
  await expect(page.getByTestId('rank-progress')).toContainText('0 ranked / 2 prompts');
  await press(page, 'u');
  await expect(page.getByTestId('rank-status')).toHaveText('Nothing to undo.');
  expect(await rowsOf(page, 'rankings', 'rank-undo')).toHaveLength(0);

  // A dataset with nothing to rank (two responses per prompt): the done panel answers U too.
  await storeDataset(page, 'rank-pairs-only', 2, 2);
  await page.reload();
  await page.getByRole('tab', { name: 'Rank' }).click();
  await page.getByLabel('Dataset').selectOption('rank-pairs-only');
  await expect(page.getByTestId('rank-all-done')).toContainText('no prompt with 3 or more responses');
  await press(page, 'u');
  await expect(page.getByTestId('rank-status')).toHaveText('Nothing to undo.');
});
