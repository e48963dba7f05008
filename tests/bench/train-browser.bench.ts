// bench:train (browser half) — on /bench, train the default linear reward model (the exact L-BFGS solver, plain
// TypeScript in the app's training worker) on 1k, 10k and 100k synthetic pairs in Chromium; print wall time,
// iterations, final log-loss and the worker's TF.js backend (used only by Adam and the MLP). While 100k pairs train,
// record main-thread long tasks (PerformanceObserver 'longtask') and time clicks and key presses.
import { expect, test, type Page } from '@playwright/test';
import { cpus } from 'node:os';

const SIZES = [1_000, 10_000, 100_000];
const PROBES = 10;

interface LongTask {
  start: number;
  duration: number;
}

/** Clicks Ping and types a key; returns the two latencies (Node side, until the DOM shows the change). */
async function probe(page: Page, i: number): Promise<[click: number, key: number]> {
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Ping' }).click();
  await expect(page.getByTestId('ping-count')).toHaveText(String(i + 1));
  const t1 = performance.now();
  const box = page.getByLabel('Type here while training');
  const before = (await box.inputValue()).length;
  const t2 = performance.now();
  await box.press('x');
  await expect(box).toHaveValue('x'.repeat(before + 1));
  return [t1 - t0, performance.now() - t2];
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms, max ${s.at(-1)!.toFixed(0)} ms`;
};

test('bench:train in Chromium', async ({ page, browser }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('/bench');
  const status = page.getByTestId('bench-status');

  const w0 = performance.now();
  await page.getByRole('button', { name: 'Warm up' }).click();
  await expect(status).toHaveText('done 200', { timeout: 120_000 });
  const warmup = performance.now() - w0;

  let pingCount = 0;
  const idle: [number, number][] = [];
  for (let i = 0; i < 3; i++) idle.push(await probe(page, pingCount++));

  const busy: [number, number][] = [];
  for (const n of SIZES) {
    await page.getByRole('button', { name: `Train ${n.toLocaleString('en')} pairs` }).click();
    if (n === SIZES.at(-1)) {
      await expect(status).toContainText('training', { timeout: 120_000 });
      for (let i = 0; i < PROBES && (await status.textContent())?.startsWith('training'); i++) {
        busy.push(await probe(page, pingCount++));
        await page.waitForTimeout(200);
      }
    }
    await expect(page.getByTestId(`bench-result-${n}`)).toBeVisible({ timeout: 300_000 });
  }

  const results = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid^="bench-result-"]')].map((el) =>
      JSON.parse(el.dataset.result!),
    ),
  );
  const longtasks: LongTask[] = await page.evaluate(
    () => (window as unknown as { __longtasks: LongTask[] }).__longtasks,
  );
  const big = results.find((r) => r.pairs === SIZES.at(-1))!;
  const during = longtasks.filter((t) => t.start + t.duration >= big.startedAt && t.start <= big.endedAt);
  const longest = (ts: LongTask[]) => (ts.length ? Math.max(...ts.map((t) => t.duration)) : 0);

  console.log("\nbench:train — Chromium, the app's training worker, default linear model (exact solver)");
  console.log(
    `  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; Chromium ${browser.version()} headless; backend ${big.backend}`,
  );
  console.log(
    `  warm-up (worker start, TF.js load, backend choice, 200 pairs × 1 epoch): ${(warmup / 1000).toFixed(2)} s`,
  );
  console.log(
    '  config: linear, solver L-BFGS to gradient norm ≤ 1e-5 (the default; epochs and patience unused)',
  );
  console.log(
    '| pairs | backend | iterations | data gen (s, helper worker) | wall time (s) | pairs × iterations / s | train log-loss | held-out log-loss | held-out acc | Bayes acc |',
  );
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results.sort((a, b) => a.pairs - b.pairs)) {
    console.log(
      `| ${r.pairs} | ${r.backend} | ${r.epochs} | ${(r.genMs / 1000).toFixed(2)} | ${(r.wallMs / 1000).toFixed(2)} | ` +
        `${Math.round(r.pairsPerSec)} | ${r.trainLogLoss.toFixed(4)} | ${r.valLogLoss.toFixed(4)} | ` +
        `${r.valAccuracy.toFixed(4)} | ${r.bayesAccuracy.toFixed(4)} |`,
    );
  }
  const ten = results.find((r) => r.pairs === 10_000)!;
  console.log(`  10k pairs to convergence: ${(ten.wallMs / 1000).toFixed(2)} s (target < 0.5 s)`);
  console.log(
    `  while training ${SIZES.at(-1)} pairs (${(big.wallMs / 1000).toFixed(1)} s): longest main-thread task ` +
      `${longest(during).toFixed(0)} ms, ${during.filter((t) => t.duration > 200).length} tasks > 200 ms, ${during.length} > 50 ms`,
  );
  console.log(
    `  whole session: longest main-thread task ${longest(longtasks).toFixed(0)} ms, ${longtasks.filter((t) => t.duration > 200).length} > 200 ms`,
  );
  console.log(
    `  click → counter shown: idle ${stats(idle.map((p) => p[0]))}; during training ${stats(busy.map((p) => p[0]))} (${busy.length} probes)`,
  );
  console.log(
    `  key → text shown:      idle ${stats(idle.map((p) => p[1]))}; during training ${stats(busy.map((p) => p[1]))}`,
  );
});
