// Offline for real (issue 6 §6): after one visit the service worker has precached the app, so with the
// server STOPPED the app still reloads, labels a pair into IndexedDB, navigates, simulates labels and
// trains in the worker (TF.js chunk from the cache). Runs against its own server so it can stop it; each
// Playwright test has a fresh browser context, so no worker from another test is involved.
import type { Page, Request } from '@playwright/test';
import { test, expect } from './fixtures';
import { startServer, stopServer } from './server';
import { countStore, pressAndWaitForNextPair } from './helpers';

const PORT = 3199;
const ORIGIN = `http://127.0.0.1:${PORT}`;

/** True when something answers HTTP on the port (checked from Node, outside the browser). */
async function serverAnswers(): Promise<boolean> {
  try {
    await fetch(`${ORIGIN}/`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** Waits until the page is controlled by the worker and the worker reports every file cached. */
async function waitUntilOfflineReady(page: Page): Promise<void> {
  const status = page.getByTestId('offline-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const cached = (await status.getAttribute('data-cached')) ?? '';
  const [have, want] = cached.split('/').map(Number);
  expect(want, `precached files (${cached})`).toBeGreaterThan(20);
  expect(have).toBe(want);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('after one visit the app reloads, labels and trains with the server stopped', async ({ page }) => {
  test.setTimeout(240_000);
  const server = await startServer(PORT);
  try {
    // First visit: the worker installs and precaches the whole export.
    await page.goto(`${ORIGIN}/`);
    await expect(page.getByTestId('offline-status')).toContainText(
      /Saving the app for offline use|Ready to work offline/,
    );
    await waitUntilOfflineReady(page);
    await expect(page.getByTestId('offline-status')).toContainText('Ready to work offline');

    // Installable: the manifest names the app and its icons decode at their declared sizes.
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBe('/manifest.webmanifest');
    const installInfo = await page.evaluate(async (href) => {
      const manifest = (await (await fetch(href)).json()) as {
        name: string;
        display: string;
        start_url: string;
        icons: { src: string; sizes: string; purpose: string }[];
      };
      const icons = await Promise.all(
        manifest.icons
          .filter((i) => i.sizes !== 'any')
          .map(
            (i) =>
              new Promise<string>((resolve) => {
                const img = new Image();
                img.onload = () =>
                  resolve(`${i.purpose} ${img.naturalWidth}x${img.naturalHeight}=${i.sizes}`);
                img.onerror = () => resolve(`${i.src} failed`);
                img.src = i.src;
              }),
          ),
      );
      return { name: manifest.name, display: manifest.display, start: manifest.start_url, icons };
    }, manifestHref!);
    expect(installInfo).toEqual({
      name: 'Goodhart Lab',
      display: 'standalone',
      start: '/',
      icons: ['any 192x192=192x192', 'any 512x512=512x512', 'maskable 512x512=512x512'],
    });

    // Visit the pages once, as a user would, then stop the server.
    await page.goto(`${ORIGIN}/train`);
    await expect(page.getByRole('button', { name: 'Generate labels' })).toBeVisible();
    await page.goto(`${ORIGIN}/label`);
    await expect(page.getByRole('button', { name: 'Start labeling' })).toBeVisible();
    await stopServer(server);
    expect(await serverAnswers(), 'the server is really gone').toBe(false);

    // From here on, the service worker answers everything; note any request that fails. ERR_ABORTED is
    // the page cancelling a request itself (Next's router aborts its HEAD probes online too): not a failure.
    const failed: string[] = [];
    page.on('requestfailed', (req: Request) => {
      const error = req.failure()?.errorText ?? '';
      if (error !== 'net::ERR_ABORTED') failed.push(`${req.method()} ${req.url()} ${error}`);
    });

    // Reload /label with no server: the precached label.html answers the clean URL.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await page.getByLabel(/your name|or a new name/i).fill('Offline Olu');
    await page.getByRole('button', { name: 'Start labeling' }).click();
    await expect(page.getByTestId('pair')).toBeVisible();
    await pressAndWaitForNextPair(page, '1');
    await expect(page.getByTestId('progress')).toContainText('1 labeled');
    expect(await countStore(page, 'comparisons')).toBe(1);

    // Client-side navigation (RSC payload from the cache), then a full reload of /train.
    await page.getByRole('link', { name: '2 · Train' }).click();
    await expect(page).toHaveURL(`${ORIGIN}/train`);
    await expect(page.getByRole('button', { name: 'Generate labels' })).toBeVisible();
    const reloadTrain = await page.reload();
    expect(reloadTrain?.fromServiceWorker()).toBe(true);

    // Simulate labels and train: the worker bootstrap, its chunks and TF.js all come from the cache.
    await page.getByRole('button', { name: 'Generate labels' }).click();
    await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
    await page.getByRole('button', { name: /^Train on/ }).click();
    await expect(page.getByTestId('training-status')).toContainText('Done', { timeout: 120_000 });
    await expect(page.getByTestId('headline-metrics')).toContainText('Held-out accuracy');

    expect(await serverAnswers(), 'still no server').toBe(false);
    expect(failed, 'requests that failed with the server stopped').toEqual([]);
  } finally {
    await stopServer(server);
  }
});
