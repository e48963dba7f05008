// The service worker's pure parts: which URLs it also looks up in the precache, how its caches are named
// (so Serwist's cleanup removes older builds), which responses must keep the request URL, and the status
// messages it exchanges with the page.
import { describe, expect, it } from 'vitest';
import { IGNORED_SEARCH_PARAMS, alternateUrls, keepsRequestUrl, precacheName } from '../../sw/routes';
import { isFullyPrecached, isSwStatus } from '../../sw/protocol';

const alt = (href: string) => alternateUrls(new URL(href)).map((u) => u.href);

describe('alternateUrls', () => {
  it('maps a route with a trailing slash to the exported file', () => {
    expect(alt('http://localhost:3000/label/')).toEqual(['http://localhost:3000/label.html']);
    expect(alt('http://localhost:3000/a/b//')).toEqual(['http://localhost:3000/a/b.html']);
  });

  it('drops the query and the fragment of that alternative', () => {
    expect(alt('http://localhost:3000/train/?seed=3#cfg=1')).toEqual(['http://localhost:3000/train.html']);
  });

  it('adds nothing for the root (Serwist tries index.html) or for paths without a trailing slash', () => {
    expect(alt('http://localhost:3000/')).toEqual([]);
    expect(alt('http://localhost:3000/label')).toEqual([]);
    expect(alt('http://localhost:3000/demo/goodhart-demo.json')).toEqual([]);
  });
});

describe('IGNORED_SEARCH_PARAMS', () => {
  it("ignores Next's _rsc buster, Turbopack's worker params and any other parameter", () => {
    for (const name of ['_rsc', 'params', 'utm_source', 'x'])
      expect(IGNORED_SEARCH_PARAMS.some((re) => re.test(name))).toBe(true);
  });
});

describe('precacheName', () => {
  it("contains '-precache-' and the scope (what Serwist's cleanupOutdatedCaches looks for), per build", () => {
    const scope = 'http://localhost:3000/';
    const a = precacheName('buildA', scope);
    const b = precacheName('buildB', scope);
    expect(a).toBe('goodhart-lab-precache-buildA-http://localhost:3000/');
    expect(a).toContain('-precache-');
    expect(a).toContain(scope);
    expect(a).not.toBe(b);
  });
});

describe('keepsRequestUrl', () => {
  it('holds for worker scripts only', () => {
    expect(keepsRequestUrl('worker')).toBe(true);
    expect(keepsRequestUrl('sharedworker')).toBe(true);
    for (const d of ['', 'document', 'script', 'style', 'image', 'serviceworker'])
      expect(keepsRequestUrl(d)).toBe(false);
  });
});

describe('status protocol', () => {
  const status = { buildId: 'b1', cacheName: 'c', expected: 79, cached: 79 };

  it('recognises a status and rejects other shapes', () => {
    expect(isSwStatus(status)).toBe(true);
    expect(isSwStatus(null)).toBe(false);
    expect(isSwStatus(true)).toBe(false);
    expect(isSwStatus({ ...status, cached: '79' })).toBe(false);
    expect(isSwStatus({ ...status, expected: 1.5 })).toBe(false);
    expect(isSwStatus({ buildId: 'b1', expected: 1, cached: 1 })).toBe(false);
  });

  it('is fully precached only when every one of at least one file is cached', () => {
    expect(isFullyPrecached(status)).toBe(true);
    expect(isFullyPrecached({ ...status, cached: 78 })).toBe(false);
    expect(isFullyPrecached({ ...status, expected: 0, cached: 0 })).toBe(false);
  });
});
