// scripts/serve.mjs over a small fake export: which Cache-Control each kind of file is served with, so a
// rebuilt app is never answered from the browser's HTTP cache (tests/e2e/cache.spec.ts checks it in a browser).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../scripts/serve.mjs';

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gl-serve-'));
  mkdirSync(join(dir, '_next/static/chunks'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<p>home</p>');
  writeFileSync(join(dir, 'label.html'), '<p>label</p>');
  writeFileSync(join(dir, '404.html'), '<p>missing</p>');
  writeFileSync(join(dir, 'sw.js'), 'self.x = 1;');
  writeFileSync(join(dir, 'label.txt'), 'rsc payload');
  writeFileSync(join(dir, '_next/static/chunks/app-0123abcd.js'), 'console.log(1)');
  server = serve({ port: 0, host: '127.0.0.1', dir });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('scripts/serve.mjs caching headers', () => {
  it.each([
    ['/', '<p>home</p>'],
    ['/label', '<p>label</p>'],
    ['/sw.js', 'self.x = 1;'],
    ['/label.txt', 'rsc payload'],
  ])('serves %s with no-cache, so the browser revalidates it on every load', async (path, body) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(body);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('etag')).toBeTruthy();
  });

  it('serves hashed assets under /_next/static as immutable for a year', async () => {
    const res = await fetch(`${base}/_next/static/chunks/app-0123abcd.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves the 404 page with no-cache too', async () => {
    const res = await fetch(`${base}/no-such-page`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('<p>missing</p>');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });
});
