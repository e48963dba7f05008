// scripts/build-sw.mjs over a small fake export: the real esbuild bundle and @serwist/build manifest
// injection, checked against the files we lay down (URLs, md5 revisions computed here, exclusions).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServiceWorker, findBuildId, swStaleReason } from '../../scripts/build-sw.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeExport(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'goodhart-sw-test-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const BASE = {
  'index.html': '<h1>home</h1>',
  'label.html': '<h1>label</h1>',
  'train.html': '<h1>train</h1>',
  'label.txt': 'rsc payload',
  'train/__next._tree.txt': 'tree',
  'demo/goodhart-demo.json': '{"prompts":[]}',
  'manifest.webmanifest': '{"name":"Goodhart Lab"}',
  'icons/icon-192.png': 'png bytes',
  '_next/static/BUILD42/_buildManifest.js': 'self.__BUILD_MANIFEST={}',
  '_next/static/chunks/turbopack-worker-abc123.js': 'importScripts()',
  '_next/static/chunks/abc.js': 'console.log(1)',
  '_next/static/chunks/abc.js.map': '{}',
  '.goodhart-build-stamp': '2025-01-01',
};

/** The manifest injected into sw.js, as url → revision. */
function injected(swJs: string): Map<string, string | null> {
  const match = swJs.match(/\[\{"(?:url|revision)":.*?\}\]/);
  expect(match, 'an injected manifest').not.toBeNull();
  const entries = JSON.parse(match![0]) as { url: string; revision?: string | null }[];
  return new Map(entries.map((e) => [e.url, e.revision ?? null]));
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('findBuildId', () => {
  it('finds the one folder holding _buildManifest.js', () => {
    expect(findBuildId(fakeExport(BASE))).toBe('BUILD42');
  });

  it('refuses a missing export and an ambiguous one', () => {
    expect(() => findBuildId(join(tmpdir(), 'no-such-goodhart-out'))).toThrow(/does not exist/);
    const two = fakeExport({ ...BASE, '_next/static/OTHER/_buildManifest.js': '' });
    expect(() => findBuildId(two)).toThrow(/expected one build id .* found 2/);
  });
});

describe('buildServiceWorker', () => {
  it('precaches every page, payload, chunk, data and icon file, and nothing else', async () => {
    const out = fakeExport(BASE);
    const result = await buildServiceWorker({ outDir: out });
    const sw = readFileSync(join(out, 'sw.js'), 'utf8');
    const manifest = injected(sw);
    expect([...manifest.keys()].sort()).toEqual(
      [
        '/index.html',
        '/label.html',
        '/train.html',
        '/label.txt',
        '/train/__next._tree.txt',
        '/demo/goodhart-demo.json',
        '/manifest.webmanifest',
        '/icons/icon-192.png',
        '/_next/static/BUILD42/_buildManifest.js',
        '/_next/static/chunks/turbopack-worker-abc123.js',
        '/_next/static/chunks/abc.js',
      ].sort(),
    );
    expect(result).toMatchObject({ buildId: 'BUILD42', count: 11 });
    // Unhashed files are revisioned by the md5 of their content; hashed chunks need no revision.
    expect(manifest.get('/label.html')).toBe(md5('<h1>label</h1>'));
    expect(manifest.get('/demo/goodhart-demo.json')).toBe(md5('{"prompts":[]}'));
    expect(manifest.get('/_next/static/chunks/abc.js')).toBeNull();
    // The build id names the cache, and no injection point is left behind.
    expect(sw).toContain('"BUILD42"');
    expect(sw).toContain('goodhart-lab-precache-');
    expect(sw).not.toContain('__SW_MANIFEST');
    expect(sw).not.toContain('__GOODHART_BUILD_ID__');
  });

  it('fails when a page the app needs offline is missing', async () => {
    const { ['label.html']: _gone, ...rest } = BASE;
    await expect(buildServiceWorker({ outDir: fakeExport(rest) })).rejects.toThrow(/lacks \/label\.html/);
  });

  it('fails when the Turbopack worker bootstrap is missing', async () => {
    const { ['_next/static/chunks/turbopack-worker-abc123.js']: _gone, ...rest } = BASE;
    await expect(buildServiceWorker({ outDir: fakeExport(rest) })).rejects.toThrow(/worker bootstrap/);
  });
});

describe('swStaleReason', () => {
  it('asks for a worker when there is none, and when the sources are newer than it', () => {
    const out = fakeExport(BASE);
    expect(swStaleReason(out)).toMatch(/no service worker/);
    writeFileSync(join(out, 'sw.js'), '');
    expect(swStaleReason(out)).toBeNull();
    utimesSync(join(out, 'sw.js'), new Date(0), new Date(0));
    expect(swStaleReason(out)).toMatch(/changed since the last build/);
  });
});
