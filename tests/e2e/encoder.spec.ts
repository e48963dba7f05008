// The sentence encoder in the browser (lib/workers/encoder-api.ts) on /bench's harness: nothing of the
// model is fetched on a first visit; the first use downloads it with a progress bar and embeds in the
// worker, giving the same numbers as the Node encoder; a second run is served by the IndexedDB cache (no
// model fetch); a new page reads the model from the Cache API; with the network off the app shell comes
// from the service worker and the model from the Cache API. Every request outside 127.0.0.1 is blocked and
// must never be attempted. A worker or wasm that fails to load rejects the call with a clear message.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ENCODER_SPEC } from '../../lib/core/reward-model/encoder-spec';
import { loadEncoder } from '../../lib/ml/encoder/encoder';
import { nodeEncoderSource } from '../../lib/ml/encoder/node-source';

interface BenchResult {
  texts: number;
  dims: number[];
  norms: number[];
  heads: number[][];
  hits: number;
  computed: number;
  info: { backend: string; simd: boolean; threads: number } | null;
  problems: string[];
}

const TEXTS = ['A short answer.', 'A longer answer that explains why.', 'The sky is blue.'];

/** Blocks every request that does not go to this machine, and records the ones attempted. */
async function blockOutside(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  await context.route(/.*/, (route) => {
    const url = new URL(route.request().url());
    if (['127.0.0.1', 'localhost'].includes(url.hostname)) return route.continue();
    outside.push(url.href);
    return route.abort('blockedbyclient');
  });
  return outside;
}

/** Records requests for the encoder's files (page, worker and service worker alike). */
function encoderRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/models/') || path.startsWith('/wasm/')) seen.push(path);
  });
  return seen;
}

async function embed(page: Page, texts: string[]): Promise<BenchResult> {
  await page.getByLabel('Texts to embed, one per line').fill(texts.join('\n'));
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  await expect(page.getByTestId('encoder-status')).toHaveText(`done ${texts.length}`, { timeout: 120_000 });
  return JSON.parse((await page.getByTestId('encoder-result').getAttribute('data-result'))!) as BenchResult;
}

/** Embeddings of `texts` by the Node encoder (the installed package, not the app's copy). */
async function nodeHeads(texts: string[]): Promise<number[][]> {
  const encoder = await loadEncoder(nodeEncoderSource());
  try {
    const rows = await encoder.embed(texts);
    return texts.map((_, i) => [...rows.subarray(i * ENCODER_SPEC.dim, i * ENCODER_SPEC.dim + 4)]);
  } finally {
    encoder.dispose();
  }
}

test('downloads on first use, caches embeddings and files, works offline, stays on this machine', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const origin = baseURL!.replace('localhost', '127.0.0.1');
  const outside = await blockOutside(context);
  const files = encoderRequests(context);

  // A first visit fetches nothing of the encoder, and the service worker precaches the app shell only.
  await page.goto(`${origin}/bench`);
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  expect(files).toEqual([]);

  // First use: the download's progress bar, then 512-d unit vectors equal to the Node encoder's.
  await page.getByLabel('Texts to embed, one per line').fill(TEXTS.join('\n'));
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Encoder download' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('encoder-progress-text')).toContainText(
    /Downloading the encoder: .* of 27\.\d MB/,
  );
  await expect(page.getByTestId('encoder-status')).toHaveText('done 3', { timeout: 120_000 });
  const first = JSON.parse(
    (await page.getByTestId('encoder-result').getAttribute('data-result'))!,
  ) as BenchResult;
  expect(first).toMatchObject({ texts: 3, dims: [512], hits: 0, computed: 3, problems: [] });
  expect(first.info).toMatchObject({ backend: 'wasm', simd: true, threads: 1 });
  for (const n of first.norms) expect(n).toBeCloseTo(1, 4);
  const expected = await nodeHeads(TEXTS);
  first.heads.forEach((h, i) => h.forEach((x, k) => expect(x).toBeCloseTo(expected[i][k], 4)));
  const modelFiles = ENCODER_SPEC.files.map((f) => `/models/use-lite/${f.name}`);
  expect(new Set(files)).toEqual(
    new Set([...modelFiles, '/wasm/tfjs-backend-wasm.wasm', '/wasm/tfjs-backend-wasm-simd.wasm']),
  );
  const afterDownload = files.length;

  // Second run: every text from IndexedDB, no model fetch at all.
  const second = await embed(page, TEXTS);
  expect(second).toMatchObject({ hits: 3, computed: 0, info: null });
  expect(second.heads).toEqual(first.heads);
  expect(files.length).toBe(afterDownload);

  // A new page (a new worker) with one new text: the model comes from the Cache API, not the server.
  await page.reload();
  const third = await embed(page, [...TEXTS, 'Paris is the capital of France.']);
  expect(third).toMatchObject({ hits: 3, computed: 1, problems: [] });
  expect(third.info?.backend).toBe('wasm');
  expect(files.length).toBe(afterDownload);

  // Offline: the page from the service worker's precache, the model from the Cache API.
  await context.setOffline(true);
  await page.reload();
  const offline = await embed(page, ['Water boils at 100 degrees Celsius at sea level.', TEXTS[2]]);
  expect(offline).toMatchObject({ hits: 1, computed: 1, problems: [] });
  expect(offline.heads[1]).toEqual(first.heads[2]);
  await context.setOffline(false);

  // The precache never held the encoder's files.
  const precached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      if (name.includes('precache')) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
    return urls;
  });
  expect(precached.length).toBeGreaterThan(20);
  expect(precached.filter((u) => /\/models\/|\/wasm\/|\.wasm/.test(u))).toEqual([]);
  expect(outside).toEqual([]);
});

test('cancel stops an embedding run', async ({ page, context }) => {
  test.setTimeout(180_000);
  const outside = await blockOutside(context);
  await page.goto('/bench');
  await embed(page, ['warm up the encoder']);
  await page.getByRole('button', { name: 'Throughput', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Embedding progress' })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('encoder-status')).toHaveText('cancelled');
  // The worker is still usable after a cancel.
  await embed(page, ['after the cancel']);
  expect(outside).toEqual([]);
});

test.describe('failures', () => {
  // Playwright's routes do not see requests the service worker answers: keep it out of these tests.
  test.use({ serviceWorkers: 'block' });

  test('a wasm binary that cannot be fetched rejects the call with its URL; the next call works', async ({
    page,
    context,
  }) => {
    await context.route('**/wasm/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/bench');
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    await expect(page.getByTestId('encoder-status')).toHaveText(
      /^error: .*\/wasm\/tfjs-backend-wasm[-a-z]*\.wasm: HTTP 404 while fetching TF\.js's WebAssembly binary/,
      { timeout: 30_000 },
    );
    // The failed worker was replaced: once the binaries are served, the next call works.
    await context.unroute('**/wasm/*.wasm');
    await embed(page, ['after the failure']);
  });

  test('an encoder worker whose script fails to load rejects the call instead of hanging', async ({
    page,
    context,
  }) => {
    await context.route(/turbopack-worker-/, (route) => route.abort('failed'));
    await page.goto('/bench');
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    await expect(page.getByTestId('encoder-status')).toHaveText(
      /^error: The sentence encoder's worker (failed to load|stopped with an error)/,
      { timeout: 30_000 },
    );
  });
});
