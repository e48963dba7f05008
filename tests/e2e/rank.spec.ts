// Ranking mode with the keyboard only: pick up, move and drop with Space and the arrows, tie with `=`,
// submit with Enter; IndexedDB holds 1 ranking and its 6 pairs (one tie); the progress survives a reload;
// U undoes both. Plus an axe scan of the ranking mode.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countStore, readStore, startLabeling } from './helpers';

async function cardOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId('rank-card')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-response-id') ?? ''));
}

async function openRankMode(page: Page, name: string) {
  await startLabeling(page, name);
  await page.getByRole('tab', { name: 'Rank' }).click();
  await expect(page.getByTestId('rank-card')).toHaveCount(4);
  await expect(page.getByTestId('rank-progress')).toContainText('0 ranked / 52 prompts');
}

test('rank 4 candidates with the keyboard only, tie two, submit, reload, undo', async ({ page }) => {
  await openRankMode(page, 'Ranker Rae');
  const handles = page.locator('[data-rank-handle]');
  // The first candidate's handle has the focus when a prompt appears.
  await expect(handles.first()).toBeFocused();
  const [a, b, c, d] = await cardOrder(page);
  const promptId = await page.getByTestId('rank-prompt').getAttribute('data-prompt-id');
  const live = page.locator('[id^="DndLiveRegion"]');

  // Pick A up, move it down two places, drop: B C A D. Each key waits for the previous one's announcement.
  await page.keyboard.press('Space');
  await expect(handles.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(live).toContainText('Response A is at position 1 of 4');
  await page.keyboard.press('ArrowDown');
  await expect(live).toContainText('over position 2 of 4');
  await page.keyboard.press('ArrowDown');
  await expect(live).toContainText('over position 3 of 4');
  await page.keyboard.press('Space');
  await expect(live).toContainText('dropped at position 3 of 4');
  await expect.poll(() => cardOrder(page)).toEqual([b, c, a, d]);

  // Focus the second card (C) and tie it with the one above (B): tiers {B, C}, A, D.
  await handles.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(handles.nth(1)).toBeFocused();
  await page.keyboard.press('=');
  await expect(page.getByTestId('rank-card').nth(1)).toHaveAttribute('data-rank', '1=');
  await expect(page.getByTestId('rank-card').nth(0)).toHaveAttribute('data-rank', '1=');
  await expect(page.getByTestId('rank-card').nth(2)).toHaveAttribute('data-rank', '2');

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rank-progress')).toContainText('1 ranked / 52 prompts');
  await expect(page.getByTestId('rank-prompt')).not.toHaveAttribute('data-prompt-id', promptId ?? '');

  const rankings = await readStore(page, 'rankings');
  expect(rankings).toHaveLength(1);
  expect(rankings[0]).toMatchObject({ promptId, tiers: [[b, c], [a], [d]] });
  const comparisons = await readStore(page, 'comparisons');
  expect(comparisons).toHaveLength(6);
  expect(comparisons.filter((x) => x.outcome === 'tie')).toHaveLength(1);
  expect(comparisons.every((x) => x.rankingId === rankings[0].id)).toBe(true);
  const tie = comparisons.find((x) => x.outcome === 'tie')!;
  expect([tie.aId, tie.bId].sort()).toEqual([b, c].sort());

  await page.reload();
  await expect(page.getByTestId('rank-progress')).toContainText('1 ranked / 52 prompts');

  await expect(handles.first()).toBeFocused();
  await page.keyboard.press('u');
  await expect(page.getByTestId('rank-progress')).toContainText('0 ranked / 52 prompts');
  expect(await countStore(page, 'rankings')).toBe(0);
  expect(await countStore(page, 'comparisons')).toBe(0);
  // The undone prompt is shown again as it was ranked.
  await expect(page.getByTestId('rank-prompt')).toHaveAttribute('data-prompt-id', promptId ?? '');
  await expect.poll(() => cardOrder(page)).toEqual([b, c, a, d]);
});

test('axe: the ranking mode has no serious or critical violations', async ({ page }) => {
  await openRankMode(page, 'Axe Ranker');
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual(
    [],
  );
});

test('rank with the mouse: drag a card by its handle, tick a tie, click submit', async ({ page }) => {
  // Tall enough that the prompt and all four cards are on screen: no scrolling while dragging.
  await page.setViewportSize({ width: 1280, height: 2000 });
  await openRankMode(page, 'Mouse Rankin');
  const [a, b, c, d] = await cardOrder(page);
  // Drag B by its handle until its top edge reaches A's top edge.
  const cards = page.getByTestId('rank-card');
  const handle = (await page.locator('[data-rank-handle]').nth(1).boundingBox())!;
  const topA = (await cards.nth(0).boundingBox())!.y;
  const topB = (await cards.nth(1).boundingBox())!.y;
  const x = handle.x + handle.width / 2;
  const y = handle.y + handle.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y - 10, { steps: 3 });
  await page.mouse.move(x, y - (topB - topA), { steps: 20 });
  // Drop only once dnd-kit has B over position 1 (collisions are computed on render, after the move). With
  // cards of different heights B's centre can still be nearer its own slot: nudge it up until it is over A.
  const live = page.locator('[id^="DndLiveRegion"]');
  for (let dy = topB - topA, i = 0; i < 30; i++) {
    if ((await live.textContent())?.includes('is over position 1 of 4')) break;
    dy += 10;
    await page.mouse.move(x, y - dy, { steps: 2 });
  }
  await expect(live).toContainText('is over position 1 of 4');
  await page.mouse.up();
  await expect.poll(() => cardOrder(page)).toEqual([b, a, c, d]);
  // dnd-kit swallows clicks for 50 ms after a pointer drag ends (so a drop is not also a click).
  await page.waitForTimeout(100);
  await cards.nth(3).getByLabel('Tie with the one above').check();
  await expect(cards.nth(3)).toHaveAttribute('data-rank', '3=');
  await page.getByRole('button', { name: /Submit ranking/ }).click();
  await expect(page.getByTestId('rank-progress')).toContainText('1 ranked');
  const rankings = await readStore(page, 'rankings');
  expect(rankings.map((r) => r.tiers)).toEqual([[[b], [a], [c, d]]]);
  expect(await countStore(page, 'comparisons')).toBe(6);
});
