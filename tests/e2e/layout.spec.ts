// Every screen (issue 13): at 390×844 no page scrolls sideways (with the demo labelled and trained, so
// result tables exist); the navigation collapses behind a Menu button that works by keyboard; the
// offline pill sits in the header's flow and covers no button at 390, 1024 and 1440 px; charts at 1024
// and 390 px print no text over other text and keep the legend above the plot; a fresh load of any page
// has no failed request. The pages are read from app/, so a new page is checked without editing this.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startLabeling } from './helpers';

/** Every route of the app: each folder of app/ that holds a page.tsx ("/" for app/page.tsx). */
function appRoutes(dir = 'app', prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'page.tsx') out.push(prefix || '/');
    else if (statSync(path).isDirectory() && !name.startsWith('_') && !name.startsWith('('))
      out.push(...appRoutes(path, `${prefix}/${name}`));
  }
  return out.sort();
}

const ROUTES = appRoutes();
const PHONE = { width: 390, height: 844 };
const WIDTHS = [390, 1024, 1440];

/** Waits until a page has drawn its content (storage open, the slow pages' results shown). */
async function settle(page: Page, route: string): Promise<void> {
  await expect(page.locator('main')).not.toContainText('Opening your local data');
  if (route === '/inspect') await expect(page.getByTestId('headlines')).toBeVisible({ timeout: 30_000 });
  if (route === '/train') await expect(page.getByTestId('runs-table')).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(500);
}

/** Simulated labels and one short training run, so /train, /inspect and /data show their tables. */
async function labelAndTrain(page: Page): Promise<void> {
  await page.goto('/train');
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
  await expect(page.getByTestId('training-status')).toContainText('Done', { timeout: 60_000 });
}

/** The page's horizontal overflow and the outermost elements that stick out past the viewport. */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const w = root.clientWidth;
    const out = (e: Element) => e.getBoundingClientRect().right > w + 0.5;
    const culprits = [...document.querySelectorAll('main *, header *')]
      .filter((e) => out(e) && !e.closest('.sr-only') && !(e.parentElement && out(e.parentElement)))
      .slice(0, 5)
      .map((e) => {
        const id = e.getAttribute('data-testid') ?? e.id;
        return `<${e.tagName.toLowerCase()}${id ? ` #${id}` : ''}> right ${Math.round(e.getBoundingClientRect().right)}`;
      });
    return { scrollWidth: root.scrollWidth, clientWidth: w, culprits };
  });
}

test('no page scrolls sideways at 390×844, with the demo labelled and a model trained', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(PHONE);
  await labelAndTrain(page);
  await startLabeling(page, 'Layout');
  expect(ROUTES).toEqual(expect.arrayContaining(['/', '/label', '/train', '/inspect', '/data', '/join']));
  for (const route of ROUTES) {
    await page.goto(route);
    await settle(page, route);
    const o = await sidewaysOverflow(page);
    expect
      .soft(o.scrollWidth, `${route} is ${o.scrollWidth} px wide at 390: ${o.culprits.join(', ')}`)
      .toBeLessThanOrEqual(o.clientWidth);
  }
});

test('below 1024 px the navigation is one Menu button that works by keyboard', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = nav.getByRole('button', { name: 'Menu' });
  const train = nav.getByRole('link', { name: '2 · Train' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(train).toBeHidden();
  const controls = await menu.getAttribute('aria-controls');
  expect(await page.locator(`[id="${controls}"]`).count()).toBe(1);

  // Enter opens it, Tab reaches the links, Escape closes it and gives focus back to the button.
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(train).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: '1 · Label' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await expect(train).toBeHidden();

  // Space opens it again; following a link navigates and closes the menu.
  await page.keyboard.press('Space');
  await expect(train).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(train).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/train$/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(train).toBeHidden();
  // The open menu pushes the page down rather than covering it.
  await menu.click();
  const list = await page.locator(`[id="${controls}"]`).boundingBox();
  const heading = await page.locator('main h1').first().boundingBox();
  expect(heading!.y).toBeGreaterThanOrEqual(list!.y + list!.height);

  // From 1024 px up the links are in the bar and there is no Menu button.
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(menu).toBeHidden();
  await expect(train).toBeVisible();
});

/** Boxes of everything clickable on screen. */
async function interactiveBoxes(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, a[href], input, select, textarea, [role="button"]')]
      .filter((e) => !e.closest('[data-testid="offline-status"]'))
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { name: `${e.tagName.toLowerCase()} “${(e.textContent ?? '').trim().slice(0, 30)}”`, r };
      })
      .filter(({ r }) => r.width > 0 && r.height > 0)
      .map(({ name, r }) => ({ name, x: r.x, y: r.y, w: r.width, h: r.height })),
  );
}

async function pillNeverCovers(browser: Browser, baseURL: string, width: number): Promise<void> {
  // A fresh context: the service worker installs, so the pill shows "Saving…" then "Ready…".
  const context = await browser.newContext({ baseURL, viewport: { width, height: width < 600 ? 844 : 900 } });
  try {
    const page = await context.newPage();
    await page.goto('/train');
    const pill = page.getByTestId('offline-status');
    await expect(pill).toHaveAttribute('data-state', /installing|ready/, { timeout: 30_000 });
    await expect(pill).toContainText(/offline/);
    expect(await pill.evaluate((e) => getComputedStyle(e).position), 'the pill is in the flow').toBe(
      'static',
    );
    for (const scroll of [0, 0.5, 1]) {
      await page.evaluate((f) => window.scrollTo(0, f * document.scrollingElement!.scrollHeight), scroll);
      const p = await pill.boundingBox();
      expect(p, 'the pill is on the page').not.toBeNull();
      const hits = (await interactiveBoxes(page)).filter(
        (b) => b.x < p!.x + p!.width && p!.x < b.x + b.w && b.y < p!.y + p!.height && p!.y < b.y + b.h,
      );
      expect(
        hits.map((h) => h.name),
        `at ${width} px, scrolled ${scroll * 100}%`,
      ).toEqual([]);
    }
  } finally {
    await context.close();
  }
}

test('the offline pill covers no button at 390, 1024 and 1440 px', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  for (const width of WIDTHS) await pillNeverCovers(browser, baseURL!, width);
});

test('a fresh load of any page has no failed or aborted request', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  for (const route of ROUTES) {
    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(`${r.method()} ${r.url()} ${r.failure()?.errorText}`));
      await page.goto(route);
      await settle(page, route === '/train' || route === '/inspect' ? '' : route);
      await page.waitForLoadState('networkidle');
      expect.soft(failed, `failed requests on a fresh load of ${route}`).toEqual([]);
    } finally {
      await context.close();
    }
  }
});

/** Overlapping pairs of drawn texts and legend entries below the plot's top, in every chart on the page. */
async function chartCollisions(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const host of document.querySelectorAll<HTMLElement>('figure [role="img"][data-plot-top]')) {
      const chart = host.getAttribute('aria-label')?.split('.')[0] ?? '?';
      const top = host.getBoundingClientRect().top;
      const texts = [...host.querySelectorAll('svg text')]
        .map((t) => ({
          s: (t.textContent ?? '').trim(),
          r: t.getBoundingClientRect(),
          o: getComputedStyle(t),
        }))
        .filter(({ s, r, o }) => s && r.width > 0 && o.opacity !== '0' && o.visibility !== 'hidden');
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i].r;
          const b = texts[j].r;
          const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          // Lines of one label share a few px of their boxes; colliding labels share most of them.
          if (dx > 1 && dy > 0.25 * Math.min(a.height, b.height))
            problems.push(`${chart}: “${texts[i].s}” overlaps “${texts[j].s}”`);
        }
      const legend = JSON.parse(host.getAttribute('data-legend') ?? '[]') as string[];
      const plotTop = top + Number(host.getAttribute('data-plot-top'));
      for (const t of texts)
        if (legend.includes(t.s) && t.r.bottom > plotTop)
          problems.push(
            `${chart}: legend “${t.s}” reaches ${Math.round(t.r.bottom - plotTop)} px into the plot`,
          );
    }
    return problems;
  });
}

test('charts at 1024 and 390 px: no text over text, legends above the plot', async ({ page }) => {
  test.setTimeout(180_000);
  await labelAndTrain(page);
  for (const width of [1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const route of ['/train', '/inspect']) {
      await page.goto(route);
      await settle(page, route);
      const charts = page.locator('figure [role="img"][data-plot-top]');
      await expect(charts.first()).toBeVisible();
      await page.waitForTimeout(1000); // animations end
      expect.soft(await chartCollisions(page), `${route} at ${width} px`).toEqual([]);
    }
  }
  // A small playground sweep, drawn at 1024 and then at 390 px (the charts resize with their box).
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.goto('/playground');
  await page.getByLabel('Points').fill('3');
  await page.getByLabel('Labels per point').fill('60');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  for (const width of [1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(1000);
    expect.soft(await chartCollisions(page), `/playground sweep at ${width} px`).toEqual([]);
    const o = await sidewaysOverflow(page);
    expect
      .soft(o.scrollWidth, `/playground at ${width}: ${o.culprits.join(', ')}`)
      .toBeLessThanOrEqual(width);
  }
});
