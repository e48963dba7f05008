// bench:encoder (browser half) — on /bench, the sentence encoder in the app's encoder worker in headless
// Chromium: first-use download and load (from this machine's server), then responses embedded per second
// for 96 fresh 80-word paragraphs and for the demo pack's responses (each prefixed by a nonce, so nothing
// comes from the IndexedDB cache), three runs each after a warm-up. Backend: TF.js wasm with SIMD, one
// thread: threads need cross-origin isolation (SharedArrayBuffer), which the app does not have.
import { expect, test, type Page } from '@playwright/test';
import { cpus } from 'node:os';

interface Result {
  texts: number;
  hits: number;
  computed: number;
  wallMs: number;
  info: { backend: string; simd: boolean; threads: number } | null;
}

async function run(page: Page, button: string): Promise<Result> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByTestId('encoder-status')).toHaveText(/^done \d+$/, { timeout: 300_000 });
  return JSON.parse((await page.getByTestId('encoder-result').getAttribute('data-result'))!) as Result;
}

test('bench:encoder in Chromium', async ({ page, browser }) => {
  await page.goto('/bench');
  const isolated = await page.evaluate(() => crossOriginIsolated);
  await page.getByLabel('Texts to embed, one per line').fill('warm up');
  const t0 = performance.now();
  const warm = await run(page, 'Embed');
  const firstUse = (performance.now() - t0) / 1000;
  console.log("\nbench:encoder — Chromium, the app's encoder worker (USE lite, 512-d)");
  console.log(
    `  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; Chromium ${browser.version()} headless; ` +
      `TF.js ${warm.info?.backend}, SIMD ${warm.info?.simd ? 'on' : 'off'}, ${warm.info?.threads} thread(s); ` +
      `cross-origin isolated: ${isolated}`,
  );
  console.log(
    `  first use (download 28 MB from localhost, check, load, embed 1 text): ${firstUse.toFixed(2)} s`,
  );
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  console.log(`  navigator.hardwareConcurrency: ${cores}`);
  console.log('| Chromium worker, wasm backend | texts | runs | wall time (median) | responses/s (median) |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, button] of [
    ['80-word paragraphs', 'Throughput'],
    ['demo pack responses', 'Throughput (demo responses)'],
  ] as const) {
    await run(page, button); // warm-up at this length
    const rs: Result[] = [];
    for (let i = 0; i < 3; i++) rs.push(await run(page, button));
    for (const r of rs) expect(r.hits).toBe(0);
    console.log(`  (${name}: ${page.workers().length} workers alive in the page)`);
    const secs = rs.map((r) => r.wallMs / 1000).sort((a, b) => a - b)[1];
    console.log(
      `| ${name} | ${rs[0].computed} | 3 | ${secs.toFixed(2)} s | ${(rs[0].computed / secs).toFixed(1)} |`,
    );
  }
});
