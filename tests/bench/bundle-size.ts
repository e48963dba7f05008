// First-load JS of a page in the static export: the <script src> chunks in out/<page>.html, raw and gzipped.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

export function firstLoadJs(
  page: string,
  outDir = 'out',
): { files: number; raw: number; gzip: number; text: string } {
  const html = readFileSync(join(outDir, `${page}.html`), 'utf8');
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]))];
  let raw = 0;
  let gzip = 0;
  let text = '';
  for (const src of srcs) {
    const buf = readFileSync(join(outDir, src.replace(/^\//, '')));
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
    text += buf.toString('utf8');
  }
  return { files: srcs.length, raw, gzip, text };
}
