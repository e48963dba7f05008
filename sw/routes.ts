/**
 * How the service worker maps a request URL onto the precached files of the static export in out/.
 * Serwist already tries the URL as is, without ignored search parameters, `+ 'index.html'` for a
 * directory, and `+ '.html'` (cleanURLs); this file adds what the Next export needs on top: which search
 * parameters never change the file, and the trailing-slash form of a route. Pure: runs in Node for tests.
 */

/**
 * Search parameters ignored when looking up the precache: all of them. The export is static files and
 * scripts/serve.mjs ignores the query too, so `?_rsc=…` (Next's cache-buster on client-side navigation),
 * `?params=…` (Turbopack's worker bootstrap passes its chunk list in it) or any other query never selects
 * a different file.
 */
export const IGNORED_SEARCH_PARAMS: RegExp[] = [/.*/];

/**
 * Extra URLs to look up in the precache for `url`, beyond Serwist's own variations:
 * `/label/` → `/label.html` (the export writes routes as files, not folders). Query and hash dropped.
 */
export function alternateUrls(url: URL): URL[] {
  const path = url.pathname;
  if (path.length > 1 && path.endsWith('/')) {
    const alt = new URL(url.href);
    alt.search = '';
    alt.hash = '';
    alt.pathname = `${path.replace(/\/+$/, '')}.html`;
    return [alt];
  }
  return [];
}

/**
 * Name of the Cache Storage cache for one build. It contains `-precache-` and the registration scope, so
 * Serwist's `cleanupOutdatedCaches` deletes the caches of older builds when this one activates.
 */
export function precacheName(buildId: string, scope: string): string {
  return `goodhart-lab-precache-${buildId}-${scope}`;
}

/**
 * Whether a request of this `Request.destination` must be answered with a response that keeps the
 * request's own URL (including its `#fragment`): worker scripts, whose `location` comes from the response.
 */
export function keepsRequestUrl(destination: string): boolean {
  return destination === 'worker' || destination === 'sharedworker';
}
