// Serves the static export in out/ on localhost. Maps /label to out/label.html. No network beyond loopback.
// Caching: hashed build assets (/_next/static/…) are immutable; everything else (HTML, RSC payloads, the
// service worker, the demo pack, icons, the encoder's files under /models/ and /wasm/, whose names carry no
// hash and which the page keeps in the Cache API itself) is `no-cache`, so the browser revalidates it on
// every load and a rebuilt app is never hidden behind the HTTP cache (the service worker's network-first
// fetch goes through it).
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';

/** Cache-Control for a file of hashed name: its URL changes whenever its content does. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control for every other file: the browser may keep it but must revalidate it before use. */
export const REVALIDATE = 'no-cache';

/** The Cache-Control header for a request path of the export. */
export function cacheControlFor(pathname) {
  return pathname.startsWith('/_next/static/') ? IMMUTABLE : REVALIDATE;
}

/**
 * The request handler that serves the static export in `dir` (Cache-Control above, `/label` → label.html);
 * any path that is not a file of the export answers 404 with the export's 404 page. `goodhart room`
 * mounts it beside its API.
 */
export function staticHandler(dir = 'out') {
  const assets = sirv(dir, {
    extensions: ['html'],
    dev: false,
    etag: true,
    gzip: false,
    setHeaders: (res, pathname) => {
      res.setHeader('Cache-Control', cacheControlFor(pathname));
      // The encoder's weight shards have no extension (sirv would send an empty type); .wasm is application/wasm.
      if (/^\/models\/.*\/[^./]+$/.test(pathname)) res.setHeader('Content-Type', 'application/octet-stream');
    },
  });
  const notFoundFile = join(dir, '404.html');
  const notFound = existsSync(notFoundFile) ? readFileSync(notFoundFile) : Buffer.from('Not found');
  return (req, res) =>
    assets(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', REVALIDATE);
      res.end(notFound);
    });
}

export function serve({
  port = Number(process.env.PORT ?? 3000),
  host = process.env.HOST ?? '127.0.0.1',
  dir = 'out',
} = {}) {
  const server = http.createServer(staticHandler(dir));
  server.on('error', (err) => {
    if (err.code === 'EADDRINUSE')
      console.error(`[goodhart] port ${port} is in use: set PORT=... to use another one.`);
    else console.error(`[goodhart] server error: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, host, () =>
    console.log(`[goodhart] Goodhart Lab is running at http://localhost:${server.address().port}`),
  );
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const port = arg('--port');
  const dir = arg('--dir');
  serve({ ...(port ? { port: Number(port) } : {}), ...(dir ? { dir } : {}) });
}
