// What the room tests share: a label record as a participant's page writes it into their document, a
// Node client on a participant's document, the join and summary calls, and a poll until a check holds.
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SYNC_PATH, participantDocName, roomSummarySchema } from '../../lib/core/room/protocol';
import type { Comparison } from '../../lib/core/types';

/** A valid label on the demo dataset by participant `p1` (override any field). */
export function label(id: string, over: Partial<Comparison> = {}): Comparison {
  return {
    id,
    datasetId: 'demo',
    promptId: 'demo-a-01',
    aId: 'demo-a-01-cf',
    bId: 'demo-a-01-ch',
    outcome: 'a',
    strength: 2,
    annotatorId: 'p1',
    createdAt: 1,
    durationMs: 5,
    ...over,
  };
}

/**
 * A Node y-websocket client on `me`'s document of the room served on 127.0.0.1:`port` (the provider the
 * page uses), with `me.token` as its credential.
 */
export function nodeProvider(
  port: number,
  me: { participantId: string; token: string },
  doc: Y.Doc = new Y.Doc(),
): WebsocketProvider {
  return new WebsocketProvider(
    `ws://127.0.0.1:${port}${SYNC_PATH}`,
    participantDocName(me.participantId),
    doc,
    {
      params: { token: me.token },
      // y-websocket types its polyfill as the DOM WebSocket; ws's class speaks the same API.
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  );
}

/** Polls `check` every 20 ms until it holds (at most `ms`). */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** POSTs `body` (JSON, or a raw string) to the room at `base`'s join endpoint. */
export async function join_(base: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}/api/room/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** The room's summary, read with the facilitator token. */
export async function summary(base: string, token: string) {
  const res = await fetch(`${base}/api/room/summary`, { headers: { Authorization: `Bearer ${token}` } });
  return roomSummarySchema.parse(await res.json());
}
