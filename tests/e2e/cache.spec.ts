// A rebuild over a warm HTTP cache (issue 10 §7): the app is loaded from a copy of out/ whose files are days
// old (so, without Cache-Control, the browser would treat them as fresh for hours), the server stops, the
// copy is "rebuilt" (its home page changes), the server starts again on the same origin, and the next visit
// must show the new page, through the service worker's network-first fetch and the HTTP cache.
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { startServer, stopServer } from './server';

const PORT = 3197;
const ORIGIN = `http://127.0.0.1:${PORT}`;

/** Sets every file under `dir` to have been modified `ageMs` ago. */
function age(dir: string, ageMs: number): void {
  const when = new Date(Date.now() - ageMs);
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (statSync(path).isFile()) utimesSync(path, when, when);
  }
}

test('after a rebuild, the next visit shows the new app, not the HTTP-cached old one', async ({ page }) => {
  const copy = mkdtempSync(join(tmpdir(), 'gl-cache-'));
  let server: ChildProcess | null = null;
  try {
    cpSync('out', copy, { recursive: true });
    age(copy, 10 * 24 * 3600 * 1000);
    server = await startServer(PORT, copy);

    const first = await page.goto(`${ORIGIN}/`);
    expect(first?.headers()['cache-control']).toBe('no-cache');
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
    // A second visit warms the HTTP cache through the service worker's network-first fetch.
    await page.goto(`${ORIGIN}/label`);
    await page.goto(`${ORIGIN}/`);

    // "Rebuild": the home page changes on disk while the server is down, then the server comes back.
    await stopServer(server);
    const index = join(copy, 'index.html');
    writeFileSync(
      index,
      readFileSync(index, 'utf8').replace('<head>', '<head><meta name="goodhart-rebuild" content="2">'),
    );
    server = await startServer(PORT, copy);

    const again = await page.goto(`${ORIGIN}/`);
    expect(await again?.text()).toContain('<meta name="goodhart-rebuild" content="2">');
  } finally {
    if (server) await stopServer(server);
    rmSync(copy, { recursive: true, force: true });
  }
});
