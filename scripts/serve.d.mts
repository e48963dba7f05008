// Types for scripts/serve.mjs, so TypeScript tests can import it.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
/** Cache-Control of hashed build assets (/_next/static/…). */
export const IMMUTABLE: string;
/** Cache-Control of every other file (HTML, RSC payloads, the service worker). */
export const REVALIDATE: string;
/** The Cache-Control header for a request path of the export. */
export function cacheControlFor(pathname: string): string;
/** The request handler serving the static export in `dir` (default out/); other paths answer 404. */
export function staticHandler(dir?: string): (req: IncomingMessage, res: ServerResponse) => void;
/** Serves the static export in `dir` (default out/) on `host:port`. */
export function serve(options?: { port?: number; host?: string; dir?: string }): Server;
