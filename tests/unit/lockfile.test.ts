// package-lock.json works on every platform (npm/cli#4828: a lock generated with some platforms'
// optional binaries missing makes `npm ci` refuse to run everywhere else), and one supported Node range
// holds for the project and every dependency, as package.json and the README say.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  engines?: { node?: string };
  optionalDependencies?: Record<string, string>;
}

const root = resolve(__dirname, '../..');
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const entries = Object.entries(lock.packages);

/** The lock entry npm would install for `name` required from the package at `from` (nested first). */
function resolveEntry(from: string, name: string): LockEntry | undefined {
  let base = from;
  for (;;) {
    const hit = lock.packages[`${base ? `${base}/` : ''}node_modules/${name}`];
    if (hit) return hit;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut >= 0 ? base.slice(0, cut) : '';
  }
}

describe('package-lock.json', () => {
  it('lists every optional dependency of every package, so npm ci runs on any platform', () => {
    const missing: string[] = [];
    for (const [path, entry] of entries)
      for (const name of Object.keys(entry.optionalDependencies ?? {}))
        if (!resolveEntry(path, name)) missing.push(`${path || '(root)'} → ${name}`);
    expect(missing).toEqual([]);
  });

  it('carries linux, macOS and Windows binaries for every package that ships platform binaries', () => {
    const lacking: string[] = [];
    const shipping: string[] = [];
    for (const [path, entry] of entries) {
      // A package that is itself one platform's binary (it has `os`) only pulls that platform's parts.
      if (!path || entry.os) continue;
      const family = Object.keys(entry.optionalDependencies ?? {}).filter((n) =>
        /darwin|win32|linux/.test(n),
      );
      if (family.length === 0) continue;
      shipping.push(path);
      for (const os of ['linux', 'darwin', 'win32'])
        if (!family.some((name) => name.includes(os) && resolveEntry(path, name)?.os?.includes(os)))
          lacking.push(`${path}: no ${os} binary`);
    }
    for (const name of ['next', '@tailwindcss/oxide', 'unrs-resolver', 'esbuild', 'lightningcss'])
      expect(shipping).toContain(`node_modules/${name}`);
    expect(lacking).toEqual([]);
  });

  it('declares one Node range that every dependency supports, in package.json, the lock and the README', () => {
    const range = pkg.engines.node;
    expect(semver.validRange(range)).not.toBeNull();
    expect(lock.packages[''].engines?.node).toBe(range);
    const narrower: string[] = [];
    for (const [path, entry] of entries) {
      const theirs = entry.engines?.node;
      if (!path || entry.optional || !theirs) continue;
      if (!semver.subset(range, theirs)) narrower.push(`${path} needs ${theirs}`);
    }
    expect(narrower).toEqual([]);
    expect(readFileSync(resolve(root, 'README.md'), 'utf8')).toContain(`Node.js \`${range}\``);
  });
});
