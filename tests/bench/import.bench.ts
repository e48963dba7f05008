// bench:import — 160,000 HH-RLHF-style pairs (≈ 230 MB JSONL, lengths like the shared HH file) imported in
// Chromium through the /data page: choose file → summary (parse, in the import worker) → Import → "Imported"
// (write, one IndexedDB transaction). Prints the times, the longest main-thread task (PerformanceObserver
// 'longtask'), and peak memory: the page's JS heap (performance.memory, sampled every 100 ms), the import
// worker's JS heap (CDP Runtime.getHeapUsage on the worker target, sampled every 250 ms) and the renderer
// process's peak resident set (VmHWM in /proc).
import { expect, test, type CDPSession } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { hhBenchFile } from './import-data';

const PAIRS = 160_000;
const MB = 1024 * 1024;

interface PageProbe {
  __longtasks: { start: number; duration: number }[];
  __heapPeak: number;
}

/** Samples the JS heap of every worker target through a browser-level CDP session (non-flat sessions). */
async function watchWorkerHeaps(cdp: CDPSession): Promise<{ peak: () => number; stop: () => void }> {
  let peak = 0;
  let nextId = 1;
  const sessions = new Set<string>();
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const msg = JSON.parse(e.message) as { result?: { usedSize?: number } };
    if (msg.result?.usedSize !== undefined) peak = Math.max(peak, msg.result.usedSize);
  });
  cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => sessions.delete(e.sessionId));
  const attached = new Set<string>();
  const timer = setInterval(async () => {
    try {
      const { targetInfos } = await cdp.send('Target.getTargets');
      for (const t of targetInfos) {
        if (t.type !== 'worker' || attached.has(t.targetId)) continue;
        attached.add(t.targetId);
        const { sessionId } = await cdp.send('Target.attachToTarget', {
          targetId: t.targetId,
          flatten: false,
        });
        sessions.add(sessionId);
      }
      for (const sessionId of sessions) {
        const message = JSON.stringify({ id: nextId++, method: 'Runtime.getHeapUsage' });
        await cdp
          .send('Target.sendMessageToTarget', { sessionId, message })
          .catch(() => sessions.delete(sessionId));
      }
    } catch {
      // The browser is closing.
    }
  }, 250);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

/** Peak resident set (VmHWM) of the browser's renderer processes, in bytes (Linux only; 0 elsewhere). */
async function rendererPeakRss(cdp: CDPSession): Promise<number> {
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    let peak = 0;
    for (const p of processInfo.filter((x) => x.type === 'renderer')) {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
    }
    return peak;
  } catch {
    return 0;
  }
}

test('bench:import', async ({ page, browser }) => {
  const file = await hhBenchFile(PAIRS);
  await page.addInitScript(() => {
    const w = window as unknown as PageProbe;
    w.__longtasks = [];
    w.__heapPeak = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    const mem = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    setInterval(() => (w.__heapPeak = Math.max(w.__heapPeak, mem()?.usedJSHeapSize ?? 0)), 100);
  });
  const cdp = await browser.newBrowserCDPSession();
  const workers = await watchWorkerHeaps(cdp);

  await page.goto('/data');
  const input = page.getByLabel('Files to import');
  await input.waitFor({ state: 'attached' });
  const startTask = await page.evaluate(() => performance.now());

  const t0 = performance.now();
  await input.setInputFiles(file.path);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toBeVisible({ timeout: 300_000 });
  const t1 = performance.now();
  const counts = await page.getByTestId('import-counts').textContent();
  const header = await summary.locator('header').textContent();
  await summary.getByRole('button', { name: /^Import/ }).click();
  await expect(summary.getByRole('status')).toContainText('Imported', { timeout: 300_000 });
  const t2 = performance.now();
  const note = await summary.getByRole('status').textContent();
  await page.waitForTimeout(500); // let the last long-task entries and heap samples arrive

  const probe = await page.evaluate(() => {
    const w = window as unknown as PageProbe;
    return { longtasks: w.__longtasks, heapPeak: w.__heapPeak };
  });
  const rss = await rendererPeakRss(cdp);
  workers.stop();

  // After the import: label the new dataset. Time from "Start labeling" on /label (dataset chosen) to the
  // first pair painted, i.e. reading 640k packed rows and planning pairs over 160k prompts.
  await page.goto('/label');
  await page.getByLabel(/your name|or a new name/i).fill('Bench');
  await page.getByRole('button', { name: 'Start labeling' }).click();
  await expect(page.getByTestId('pair')).toBeVisible();
  const select = page.getByLabel('Dataset');
  const value = await select
    .locator('option', { hasText: 'goodhart-bench-hh' })
    .first()
    .getAttribute('value');
  const labelStart = await page.evaluate(() => performance.now());
  const t3 = performance.now();
  await select.selectOption(value!);
  await expect(page.getByTestId('pair')).toContainText('Question', { timeout: 120_000 });
  const t4 = performance.now();
  const before = await page.getByTestId('pair').getAttribute('data-pair');
  const t5 = performance.now();
  await page.keyboard.press('1');
  await expect(page.getByTestId('pair')).not.toHaveAttribute('data-pair', before ?? '');
  const t6 = performance.now();
  const labelTasks = await page.evaluate(
    (from) => (window as unknown as PageProbe).__longtasks.filter((t) => t.start + t.duration >= from),
    labelStart,
  );
  const labelLongest = labelTasks.length ? Math.max(...labelTasks.map((t) => t.duration)) : 0;
  const during = probe.longtasks.filter((t) => t.start + t.duration >= startTask);
  const longest = during.length ? Math.max(...during.map((t) => t.duration)) : 0;
  const total = (t2 - t0) / 1000;

  console.log('\nbench:import — HH-RLHF JSONL through /data (import worker, one IndexedDB transaction)');
  console.log(
    `  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; Chromium ${browser.version()} headless`,
  );
  console.log(
    `  file: ${PAIRS.toLocaleString('en')} pairs, ${(file.bytes / MB).toFixed(0)} MiB (${file.path})`,
  );
  console.log(`  summary: ${header?.trim()} | ${counts?.trim()}`);
  console.log(`  result: ${note?.trim()}`);
  console.log(
    `  choose file → summary (read + parse + plan): ${((t1 - t0) / 1000).toFixed(2)} s; ` +
      `Import → "Imported" (write): ${((t2 - t1) / 1000).toFixed(2)} s; total ${total.toFixed(2)} s (target < 10 s)`,
  );
  console.log(
    `  main thread: longest task ${longest.toFixed(0)} ms, ${during.filter((t) => t.duration > 200).length} tasks > 200 ms, ${during.length} > 50 ms (target: none > 200 ms)`,
  );
  console.log(
    `  then /label on the imported dataset: first pair ${((t4 - t3) / 1000).toFixed(2)} s, ` +
      `first keypress → next pair ${(t6 - t5).toFixed(0)} ms, longest main-thread task ${labelLongest.toFixed(0)} ms`,
  );
  console.log(
    `  peak memory: page JS heap ${(probe.heapPeak / MB).toFixed(0)} MiB; import worker JS heap ${(workers.peak() / MB).toFixed(0)} MiB; renderer process peak RSS ${(rss / MB).toFixed(0)} MiB`,
  );
});
