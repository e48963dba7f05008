// What the room tests share: a label record as a participant's page writes it into their document, and a
// Node client on a participant's document.
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SYNC_PATH, participantDocName } from '../../lib/core/room/protocol';
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
