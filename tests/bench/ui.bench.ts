// bench:ui — with 20,000 comparisons stored, time keypress → label durable in IndexedDB → next pair painted,
// over 200 judgments; print p50 and p95. Also print /label's first-load JS size and check TF.js is not in it.
import { test } from '@playwright/test';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { firstLoadJs } from './bundle-size';

const STORED = 20_000;
const JUDGMENTS = 200;

test('bench:ui', async ({ page }) => {
  await page.goto('/label');
  await page.getByLabel(/your name/i).fill('Bench');
  await page.getByRole('button', { name: 'Start labeling' }).click();
  await page.getByTestId('pair').waitFor();

  // A synthetic dataset big enough that the annotator can hold 20,000 labels and still have pairs left.
  const seeded = await page.evaluate(async (stored) => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('goodhart-lab');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const annotator: { id: string } = await new Promise((res) => {
      const g = db.transaction('annotators').objectStore('annotators').index('name').get('Bench');
      g.onsuccess = () => res(g.result);
    });
    const prompts = Math.ceil(stored / 6) + 200;
    const tx = db.transaction(['datasets', 'prompts', 'responses', 'comparisons'], 'readwrite');
    tx.objectStore('datasets').put({
      id: 'bench',
      name: 'Bench',
      description: '',
      source: 'bench',
      created: 1e13,
    });
    const text =
      'A **moderately** long answer with a list:\n\n- one point\n- another point\n\n' + 'Words. '.repeat(60);
    for (let p = 0; p < prompts; p++) {
      tx.objectStore('prompts').put({
        id: `bp${p}`,
        datasetId: 'bench',
        text: `Question number ${p}?`,
        category: 'bench',
      });
      for (let r = 0; r < 4; r++) {
        tx.objectStore('responses').put({
          id: `bp${p}r${r}`,
          promptId: `bp${p}`,
          datasetId: 'bench',
          text: `${r}: ${text}`,
          tags: [],
          correct: r % 2 === 0,
        });
      }
    }
    const pairs = [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ];
    for (let i = 0; i < stored; i++) {
      const p = Math.floor(i / 6);
      const [x, y] = pairs[i % 6];
      tx.objectStore('comparisons').put({
        id: `bc${i}`,
        datasetId: 'bench',
        promptId: `bp${p}`,
        aId: `bp${p}r${x}`,
        bId: `bp${p}r${y}`,
        outcome: i % 3 === 0 ? 'b' : 'a',
        annotatorId: annotator.id,
        createdAt: 1_700_000_000_000 + i,
        durationMs: 1000,
      });
    }
    await new Promise((res, rej) => {
      tx.oncomplete = res;
      tx.onerror = () => rej(tx.error);
    });
    const count: number = await new Promise((res) => {
      const c = db.transaction('comparisons').objectStore('comparisons').count();
      c.onsuccess = () => res(c.result);
    });
    db.close();
    return count;
  }, STORED);

  await page.reload();
  await page.getByLabel('Dataset').selectOption('bench');
  await page
    .getByTestId('progress')
    .filter({ hasText: `${STORED} labeled` })
    .waitFor();

  const times = await page.evaluate(async (n) => {
    const pair = () => document.querySelector('[data-testid="pair"]')?.getAttribute('data-pair');
    const nextPaint = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const before = pair();
      const t0 = performance.now();
      window.dispatchEvent(
        new KeyboardEvent('keydown', {
          key: i % 2 ? '2' : '1',
          code: i % 2 ? 'Digit2' : 'Digit1',
          bubbles: true,
        }),
      );
      await new Promise<void>((resolve) => {
        const check = () => (pair() !== before ? resolve() : requestAnimationFrame(check));
        const mo = new MutationObserver(() => {
          if (pair() !== before) {
            mo.disconnect();
            resolve();
          }
        });
        mo.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-pair'],
        });
        check();
      });
      await nextPaint();
      out.push(performance.now() - t0);
    }
    return out;
  }, JUDGMENTS);

  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const size = firstLoadJs('label', resolve(process.cwd(), 'out'));
  const hasTf = /tfjs-core|tensorflow/i.test(size.text);
  console.log('\nbench:ui — keypress → label durable in IndexedDB → next pair painted');
  console.log(`  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, headless Chromium`);
  console.log(`  comparisons stored: ${seeded}`);
  console.log(`  judgments timed:    ${JUDGMENTS}`);
  console.log(
    `  p50: ${q(0.5).toFixed(1)} ms   p95: ${q(0.95).toFixed(1)} ms   max: ${sorted.at(-1)!.toFixed(1)} ms (target p95 < 50 ms)`,
  );
  console.log(
    `  /label first-load JS: ${size.files} files, ${(size.raw / 1024).toFixed(0)} KiB raw, ${(size.gzip / 1024).toFixed(0)} KiB gzip; TF.js in bundle: ${hasTf ? 'YES (bad)' : 'no'}`,
  );
});
