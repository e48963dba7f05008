/**
 * The room server: ONE http server that serves the static app (scripts/serve.mjs's handler), the room's
 * API under /api/room/ (join, dataset, summary, links, export) and the Yjs websocket on SYNC_PATH, and
 * nothing else. It makes no outgoing requests. Authorisation: the join code to join; a participant token
 * to open its own document; the facilitator token for the summary, the links, the export and reading any
 * document.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { exportDataset } from '../../lib/core/formats/session';
import { calibrationDone } from '../../lib/core/labeling/calibration';
import {
  LABELS_MAP,
  MAX_MESSAGE_BYTES,
  SYNC_PATH,
  joinRequestSchema,
  joinUrl,
  participantDocName,
  participantOfDoc,
  type RoomLinks,
  type RoomSummary,
} from '../../lib/core/room/protocol';
import type { DatasetFile } from '../../lib/core/types';
import { staticHandler } from '../../scripts/serve.mjs';
import { DocStore } from './docs';
import { ROOM_EXPORT_FORMATS, roomExport } from './export';
import { RoomState, sameSecret } from './state';
import { SyncHub, type Peer } from './sync';

/** The largest join request body read. */
const MAX_BODY_BYTES = 16 * 1024;

export interface RoomServerOptions {
  /** The room's folder (room.json, dataset.json, docs/). */
  dataDir: string;
  /** The dataset of a new room (an existing room keeps its own; a different one is refused). */
  dataset: DatasetFile | null;
  /** A new room's calibration set size (default DEFAULT_CALIBRATION_PAIRS); an existing room keeps its own. */
  calibration?: number;
  /** The static export to serve (default out/); null serves none (every app path is 404). */
  outDir?: string | null;
  /** Where refused messages are logged, one line each (default stderr). */
  log?: (line: string) => void;
  /** The origins the room is reachable at, for `GET /api/room/links` (default: localhost on the bound port). */
  origins?: (port: number) => string[];
}

export interface RoomServer {
  room: RoomState;
  server: http.Server;
  /** Listens on `host:port` (port 0 picks a free one); resolves with the port. */
  listen: (port: number, host?: string) => Promise<number>;
  /** Stops accepting, closes every connection and the logs. */
  close: () => Promise<void>;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

function bearer(req: http.IncomingMessage): string {
  const h = req.headers.authorization ?? '';
  return h.startsWith('Bearer ') ? h.slice(7).trim() : '';
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    // Past the cap the rest is read and thrown away, so the client still gets its 400.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) parts.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/** Creates the room server over `opts.dataDir` (created when missing). */
export function createRoomServer(opts: RoomServerOptions): RoomServer {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const room = RoomState.open(opts.dataDir, opts.dataset, false, opts.calibration);
  const store = new DocStore(RoomState.paths(opts.dataDir).docs, { warn: log });
  const hub = new SyncHub(store, room.datasetId, log);
  const assets =
    opts.outDir === null
      ? (_req: http.IncomingMessage, res: http.ServerResponse) =>
          json(res, 404, { error: 'not-found', message: 'the app is not built' })
      : staticHandler(opts.outDir ?? 'out');
  const isFacilitator = (token: string) => token !== '' && sameSecret(token, room.facilitatorToken);

  const summary = (): RoomSummary => {
    const participants = room.participants.map((p) => {
      const name = participantDocName(p.id);
      const labels = store.get(name).getMap<{ promptId: string; aId: string; bId: string }>(LABELS_MAP);
      const calibrated = calibrationDone(room.calibration, labels.values());
      return { name: p.name, labels: labels.size, present: hub.present(name), calibrated };
    });
    return {
      participants,
      labels: participants.reduce((n, p) => n + p.labels, 0),
      calibration: room.calibration.length,
    };
  };

  const api = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /api/room/join') {
      const body = await readBody(req);
      if (body === null) return json(res, 400, { error: 'bad-request', message: 'request body too large' });
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        return json(res, 400, { error: 'bad-request', message: 'the body is not JSON' });
      }
      const parsed = joinRequestSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return json(res, 400, {
          error: 'bad-request',
          message: `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`,
        });
      }
      const outcome = room.join(parsed.data.code, parsed.data.name);
      return json(res, outcome.status, outcome.body);
    }
    if (route === 'GET /api/room/dataset') {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      return res.end(exportDataset(room.dataset));
    }
    if (route === 'GET /api/room/links') {
      if (!isFacilitator(bearer(req)))
        return json(res, 401, { error: 'unauthorized', message: 'this needs the facilitator token' });
      const port = (server.address() as AddressInfo).port;
      const origins = opts.origins ? opts.origins(port) : [`http://localhost:${port}`];
      const links: RoomLinks = { join: origins.map((o) => joinUrl(o, room.code)), code: room.code };
      return json(res, 200, links);
    }
    if (route === 'GET /api/room/summary' || route === 'GET /api/room/export') {
      if (!isFacilitator(bearer(req)))
        return json(res, 401, { error: 'unauthorized', message: 'this needs the facilitator token' });
      if (url.pathname.endsWith('/summary')) return json(res, 200, summary());
      const format = url.searchParams.get('format') ?? 'session';
      const known = ROOM_EXPORT_FORMATS.find((f) => f === format);
      if (!known)
        return json(res, 400, {
          error: 'bad-request',
          message: `format: expected ${ROOM_EXPORT_FORMATS.join(' or ')}, got "${format}"`,
        });
      const file = roomExport(room, store, known);
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
      res.setHeader('Cache-Control', 'no-store');
      return res.end(file.text);
    }
    return json(res, 404, { error: 'not-found', message: `no such endpoint: ${route}` });
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://room.invalid');
    if (url.pathname.startsWith('/api/'))
      api(req, res, url).catch((e: unknown) => {
        log(`[goodhart room] ${req.method} ${url.pathname} failed: ${(e as Error).message}`);
        if (!res.headersSent) json(res, 500, { error: 'internal', message: 'the server failed to answer' });
      });
    else assets(req, res);
  });

  // A message a little over the limit is dropped (and logged) by the hub with the connection kept;
  // ws closes a connection only past four times the limit, so memory stays bounded.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * MAX_MESSAGE_BYTES });
  const refuse = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  };
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://room.invalid');
    if (!url.pathname.startsWith(`${SYNC_PATH}/`)) return refuse(socket, 404, 'Not Found');
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(SYNC_PATH.length + 1));
    } catch {
      return refuse(socket, 404, 'Not Found');
    }
    const owner = participantOfDoc(docName);
    if (owner === null || !room.participant(owner)) return refuse(socket, 404, 'Not Found');
    const token = url.searchParams.get('token') ?? '';
    let peer: Peer | null = null;
    if (isFacilitator(token)) peer = { kind: 'facilitator' };
    else if (token !== '' && room.participantByToken(token)?.id === owner)
      peer = { kind: 'participant', participantId: owner };
    if (!peer) return refuse(socket, 401, 'Unauthorized');
    const authorised = peer;
    wss.handleUpgrade(req, socket, head, (ws) => hub.connect(ws, docName, authorised));
  });

  return {
    room,
    server,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        hub.close();
        wss.close();
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}
