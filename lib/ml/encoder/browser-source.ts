/**
 * The encoder's files in a browser or worker: fetched from the app's own origin (never a CDN), under a
 * base URL where the build places the model's files and TF.js's wasm binaries (e.g. `/encoder/`).
 * Streams each response so a progress bar moves within a shard. Keeping the files for offline use
 * (Cache API or the service worker) belongs to the page that calls this; any `fetch` can be passed in.
 */
import { abortError, type EncoderFileName, type EncoderSource } from './source';

/** Options of {@link browserEncoderSource}. */
export interface BrowserSourceOptions {
  /** URL prefix of the model's files, ending in "/" (e.g. new URL('/encoder/', location.origin).href). */
  modelBase: string;
  /** URL prefix of the wasm binaries (default: modelBase), or one URL per binary. */
  wasmPaths?: EncoderSource['wasmPaths'];
  /** The fetch to use (default globalThis.fetch): a cache-first fetch, or a test's stub. */
  fetch?: typeof fetch;
}

/** Reads the encoder over HTTP from the app's origin. */
export function browserEncoderSource(opts: BrowserSourceOptions): EncoderSource {
  const base = opts.modelBase.endsWith('/') ? opts.modelBase : `${opts.modelBase}/`;
  const get = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  return {
    where: base.replace(/\/$/, ''),
    wasmPaths: opts.wasmPaths ?? base,
    async read(name: EncoderFileName, onBytes?: (n: number) => void, signal?: AbortSignal) {
      const url = base + name;
      let res: Response;
      try {
        res = await get(url, { signal });
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw abortError('Loading the encoder');
        throw new Error(
          `${url}: cannot fetch the encoder file (${e instanceof Error ? e.message : String(e)})`,
        );
      }
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status} while fetching the encoder file`);
      if (!res.body) {
        const whole = new Uint8Array(await res.arrayBuffer());
        onBytes?.(whole.byteLength);
        return whole;
      }
      const parts: Uint8Array[] = [];
      let size = 0;
      const reader = res.body.getReader();
      for (;;) {
        if (signal?.aborted) {
          await reader.cancel();
          throw abortError('Loading the encoder');
        }
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        size += value.byteLength;
        onBytes?.(value.byteLength);
      }
      const out = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.byteLength;
      }
      return out;
    },
  };
}
