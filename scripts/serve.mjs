// Serves the static export in out/ on localhost. Maps /label to out/label.html. No network beyond loopback.
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import sirv from 'sirv';

export function serve({
  port = Number(process.env.PORT ?? 3000),
  host = process.env.HOST ?? '127.0.0.1',
} = {}) {
  const assets = sirv('out', { extensions: ['html'], dev: false, etag: true, gzip: false });
  const notFound = existsSync('out/404.html') ? readFileSync('out/404.html') : Buffer.from('Not found');
  const server = http.createServer((req, res) => {
    assets(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(notFound);
    });
  });
  server.on('error', (err) => {
    if (err.code === 'EADDRINUSE')
      console.error(`[goodhart] port ${port} is in use: set PORT=... to use another one.`);
    else console.error(`[goodhart] server error: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, host, () =>
    console.log(`[goodhart] Goodhart Lab is running at http://localhost:${port}`),
  );
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const portArg = process.argv.indexOf('--port');
  serve(portArg > 0 ? { port: Number(process.argv[portArg + 1]) } : {});
}
