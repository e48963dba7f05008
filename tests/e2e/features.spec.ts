// Feature sets in the app, on the demo pack (whose sentence-encoder embeddings ship with the app): /train
// trains use+style+hashed and shows its figures, /inspect opens that encoder model (the report says its
// features cover only the style and n-gram part), the one-click tour runs with `use`, and the playground
// sweeps the features knob; a `hashed` model keeps every style weight at 0. None of it may fetch the encoder's model files or wasm binaries: the demo's
// embeddings come from /demo/goodhart-demo.embeddings.json.
import type { BrowserContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { readStore, trainDemoHere } from './helpers';

/** Records requests for the encoder's files and for the shipped embeddings (page and workers alike). */
function watch(context: BrowserContext) {
  const model: string[] = [];
  const shipped: string[] = [];
  context.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/models/') || path.startsWith('/wasm/')) model.push(path);
    if (path === '/demo/goodhart-demo.embeddings.json') shipped.push(path);
  });
  return { model, shipped };
}

/** A stored run, as far as these tests read it. */
interface StoredRun {
  model: { features?: { set: string; encoder: string | null }; weights: { w?: number[] } };
}

test('/train on the demo with use+style+hashed trains and shows results, then /inspect opens it', async ({
  page,
  context,
}) => {
  const seen = watch(context);
  await page.goto('/train');
  await trainDemoHere(page, 'use+style+hashed');
  await expect(page.getByTestId('runs-table')).toContainText('active');
  // The run's model records its set and this build's encoder.
  const features = (await readStore<StoredRun>(page, 'runs')).map((r) => r.model.features);
  expect(features).toHaveLength(1);
  expect(features[0]?.set).toBe('use+style+hashed');
  expect(features[0]?.encoder).toMatch(/^@energetic-ai\/model-embeddings-en@0\.2\.0\+sha256:/);

  await page.goto('/inspect');
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('notes')).toContainText('sentence-encoder embeddings');
  await expect(page.getByTestId('inspect-status')).toHaveText('');
  expect(seen.model, 'encoder files fetched').toEqual([]);
  expect(seen.shipped.length).toBeGreaterThan(0);
});

test('the one-click tour runs with the sentence encoder alone and opens /inspect', async ({
  page,
  context,
}) => {
  const seen = watch(context);
  await page.goto('/');
  await page.getByLabel('Features').selectOption('use');
  await page.getByRole('button', { name: 'Run the lesson for me' }).click();
  await page.waitForURL('**/inspect', { timeout: 90_000 });
  await expect(page.getByTestId('notes')).toContainText('reads only sentence-encoder embeddings', {
    timeout: 60_000,
  });
  expect(seen.model, 'encoder files fetched').toEqual([]);
});

test('/train with hashed n-grams only: no style weight, and /inspect says the style features are not inputs', async ({
  page,
  context,
}) => {
  const seen = watch(context);
  await page.goto('/train');
  await trainDemoHere(page, 'hashed');
  const style = (await readStore<StoredRun>(page, 'runs')).map((r) => ({
    set: r.model.features?.set,
    style: r.model.weights.w?.slice(0, 19),
  }));
  expect(style).toEqual([{ set: 'hashed', style: Array(19).fill(0) }]);
  await page.goto('/inspect');
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('notes')).toContainText('reads only hashed word n-grams');
  expect(seen.model, 'encoder files fetched').toEqual([]);
});

test('the playground sweeps the feature sets', async ({ page, context }) => {
  const seen = watch(context);
  await page.goto('/playground');
  await page.getByLabel('Knob to sweep').selectOption('features');
  await page.getByLabel('Labels per point').fill('60');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const rows = page.getByTestId('sweep-table').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const cells = await rows.locator('td:first-child').allInnerTexts();
  expect(cells.map((c) => c.trim())).toEqual(['style+hashed', 'use', 'use+style+hashed', 'hashed']);
  expect(seen.model, 'encoder files fetched').toEqual([]);
});

test.describe('without the shipped embeddings', () => {
  // Playwright's routes do not see requests the service worker answers: keep it out of these tests.
  test.use({ serviceWorkers: 'block' });

  test('/train embeds in the browser with download then embed progress, and Cancel stops it', async ({
    page,
    context,
  }) => {
    const seen = watch(context);
    await context.route('**/demo/goodhart-demo.embeddings.json', (r) => r.fulfill({ status: 404 }));
    // The model's largest shard never arrives, so the download is still running when Cancel is pressed.
    await context.route('**/models/use-lite/group1-shard1of7', () => undefined);
    await page.goto('/train');
    await page.getByRole('button', { name: 'Generate labels' }).click();
    await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
    await page.getByLabel('Features', { exact: true }).selectOption('use');
    await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
    const progress = page.getByTestId('embedding-progress');
    await expect(progress).toHaveAttribute('data-phase', 'download', { timeout: 30_000 });
    await expect(progress).toContainText('Downloading the sentence encoder (first use only)');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('training-status')).toHaveText('Cancelled; nothing was saved.');
    await expect(progress).toHaveCount(0);
    await expect(page.getByTestId('runs-table')).toHaveCount(0);
    expect(seen.model.some((p) => p.startsWith('/models/use-lite/'))).toBe(true);
  });

  test('/train downloads the model once, embeds the demo in the browser and trains', async ({
    page,
    context,
  }) => {
    const seen = watch(context);
    await context.route('**/demo/goodhart-demo.embeddings.json', (r) => r.fulfill({ status: 404 }));
    await page.goto('/train');
    await trainDemoHere(page, 'use', { embeds: true });
    expect(seen.model.filter((p) => p.endsWith('/model.json'))).toHaveLength(1);
  });
});
