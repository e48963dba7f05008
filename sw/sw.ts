/**
 * The service worker: precaches every file of the static export (the manifest is injected by
 * scripts/build-sw.mjs with @serwist/build) so that after the first visit the app loads and works with
 * the server stopped — pages, RSC payloads for client-side navigation, worker chunks and TF.js, the demo
 * pack. Pages are network-first with the precache as fallback; all other files are precache-first.
 * Bundled by esbuild into out/sw.js; not part of the Next build (it lives outside app/).
 */
import { Route, Serwist, type PrecacheEntry, type SerwistPlugin } from 'serwist';
import { SW_STATUS_REQUEST, type SwStatus } from './protocol';
import { IGNORED_SEARCH_PARAMS, alternateUrls, keepsRequestUrl, precacheName } from './routes';

declare const self: ServiceWorkerGlobalScope & {
  /** Replaced by the precache manifest at build time. */
  __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
};
/** Replaced by the Next build id at bundle time (esbuild `define`). */
declare const __GOODHART_BUILD_ID__: string;

const BUILD_ID = __GOODHART_BUILD_ID__;
const entries = self.__SW_MANIFEST ?? [];
const cacheName = precacheName(BUILD_ID, self.registration.scope);

/**
 * A cached Response carries its URL without the fragment, and a worker takes its `location` from the
 * response. Turbopack's worker bootstrap reads its chunk list from `#params=…`, so worker scripts are
 * answered with a copy that has no URL of its own: the browser then keeps the requested one, hash and all.
 */
const keepWorkerUrl: SerwistPlugin = {
  handlerWillRespond: async ({ request, response }) =>
    keepsRequestUrl(request.destination)
      ? new Response(response.body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        })
      : response,
};

const serwist = new Serwist({
  precacheEntries: entries,
  precacheOptions: {
    cacheName,
    plugins: [keepWorkerUrl],
    cleanupOutdatedCaches: true,
    ignoreURLParametersMatching: IGNORED_SEARCH_PARAMS,
    cleanURLs: true,
    directoryIndex: 'index.html',
    urlManipulation: ({ url }) => alternateUrls(url),
    // Any other page (a mistyped route) gets the export's own 404 page, as the server would serve it.
    navigateFallback: '/404.html',
  },
  skipWaiting: true,
  clientsClaim: true,
  disableDevLogs: true,
});

// Next's router sends HEAD requests for routes (e.g. `/label`): answer them from the precache too, with the
// headers of the GET that the precache route would serve, so nothing fails with the server stopped.
serwist.registerRoute(
  new Route(
    ({ sameOrigin }) => sameOrigin,
    async ({ request, event }) => {
      const get = new Request(request.url, { headers: request.headers });
      const res = await (serwist.handleRequest({ request: get, event }) ?? fetch(request));
      return new Response(null, { status: res.status, statusText: res.statusText, headers: res.headers });
    },
    'HEAD',
  ),
);

/** Counts the files of this build's manifest that are in the cache (under Serwist's revisioned keys). */
async function status(): Promise<SwStatus> {
  const cache = await caches.open(cacheName);
  const keys = new Set((await cache.keys()).map((r) => r.url));
  const expected = [...serwist.getUrlsToPrecacheKeys().values()];
  const cached = expected.filter((key) => keys.has(key)).length;
  return { buildId: BUILD_ID, cacheName, expected: expected.length, cached };
}

self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type !== SW_STATUS_REQUEST || !event.ports[0]) return;
  const port = event.ports[0];
  event.waitUntil(status().then((s) => port.postMessage(s)));
});

/** How long a page request waits for the server before the precached page answers. */
const NETWORK_TIMEOUT_MS = 3000;

/**
 * Pages are network-first: while a server answers, its HTML wins (a rebuilt app, or `next dev` on the
 * same port, is never hidden behind an old precache); with the server gone — connection refused, or no
 * answer within NETWORK_TIMEOUT_MS — the precached page answers. Everything else is precache-first.
 */
async function networkFirstPage(event: FetchEvent): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer from the server')), NETWORK_TIMEOUT_MS);
  });
  try {
    // The navigation request is passed as is: adding an init (e.g. an AbortSignal) would change its mode.
    return await Promise.race([fetch(event.request), timeout]);
  } catch {
    return serwist.handleRequest({ request: event.request, event }) ?? fetch(event.request);
  } finally {
    clearTimeout(timer);
  }
}

// Serwist's own listeners, except that page navigations go through networkFirstPage first (a fetch event
// takes one respondWith, so this single listener decides).
self.addEventListener('install', serwist.handleInstall);
self.addEventListener('activate', serwist.handleActivate);
self.addEventListener('message', serwist.handleCache);
self.addEventListener('fetch', (event) => {
  if (event.request.mode === 'navigate' && event.request.method === 'GET')
    event.respondWith(networkFirstPage(event));
  else serwist.handleFetch(event);
});
