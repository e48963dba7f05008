/**
 * The server side of Yjs's websocket protocol (y-protocols sync + awareness, as y-websocket's
 * WebsocketProvider speaks it), with the room's rules: a participant's connection writes only its own
 * document and every update it sends is checked (cli/room/validate.ts), persisted (cli/room/docs.ts) and
 * only then applied and broadcast; the facilitator's connection reads any document and its updates are
 * dropped. A refused message is logged as one line (who, why) and the connection goes on.
 */
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { MAX_MESSAGE_BYTES, MAX_MESSAGES_PER_SECOND } from '../../lib/core/room/protocol';
import type { DocStore } from './docs';
import { checkUpdate } from './validate';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/** Who is on a connection: a participant (may write its own document) or the facilitator (reads all). */
export type Peer = { kind: 'participant'; participantId: string } | { kind: 'facilitator' };

/** How long a connection may stay silent to pings before it is closed. */
const PING_MS = 30_000;

interface Conn {
  ws: WebSocket;
  peer: Peer;
  /** Awareness client ids this connection announced (removed when it closes). */
  clients: Set<number>;
  windowStart: number;
  inWindow: number;
  alive: boolean;
}

interface Shared {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Set<Conn>;
  dispose: () => void;
}

/** The live documents of a room and their connections. */
export class SyncHub {
  private readonly shared = new Map<string, Shared>();
  private readonly pinger: ReturnType<typeof setInterval>;

  constructor(
    private readonly store: DocStore,
    private readonly datasetId: string,
    private readonly log: (line: string) => void,
  ) {
    this.pinger = setInterval(() => this.ping(), PING_MS);
    this.pinger.unref();
  }

  /** Whether a participant has a connection open to their document now. */
  present(docName: string): boolean {
    const s = this.shared.get(docName);
    return !!s && [...s.conns].some((c) => c.peer.kind === 'participant');
  }

  private open(docName: string): Shared {
    const known = this.shared.get(docName);
    if (known) return known;
    const doc = this.store.get(docName);
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const conns = new Set<Conn>();
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MESSAGE_SYNC);
      syncProtocol.writeUpdate(enc, update);
      const msg = encoding.toUint8Array(enc);
      for (const c of conns) if (c !== origin) send(c, msg);
    };
    const onAwareness = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      const changed = [...added, ...updated, ...removed];
      const conn = origin as Conn | null;
      if (conn && conns.has(conn)) {
        for (const id of added) conn.clients.add(id);
        for (const id of removed) conn.clients.delete(id);
      }
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      const msg = encoding.toUint8Array(enc);
      for (const c of conns) send(c, msg);
    };
    doc.on('update', onUpdate);
    awareness.on('update', onAwareness);
    const s: Shared = {
      doc,
      awareness,
      conns,
      dispose: () => {
        doc.off('update', onUpdate);
        awareness.off('update', onAwareness);
        awareness.destroy();
      },
    };
    this.shared.set(docName, s);
    return s;
  }

  /** Serves an authorised websocket on `docName` for `peer`. */
  connect(ws: WebSocket, docName: string, peer: Peer): void {
    const s = this.open(docName);
    const conn: Conn = { ws, peer, clients: new Set(), windowStart: Date.now(), inWindow: 0, alive: true };
    s.conns.add(conn);
    ws.binaryType = 'nodebuffer';
    ws.on('pong', () => (conn.alive = true));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      try {
        this.onMessage(s, conn, docName, isBinary ? new Uint8Array(data) : new Uint8Array(0));
      } catch (e) {
        this.refuse(conn, `unreadable message (${(e as Error).message})`);
      }
    });
    ws.on('close', () => {
      s.conns.delete(conn);
      awarenessProtocol.removeAwarenessStates(s.awareness, [...conn.clients], null);
    });
    ws.on('error', () => ws.terminate());
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(enc, s.doc);
    send(conn, encoding.toUint8Array(enc));
    const states = [...s.awareness.getStates().keys()];
    if (states.length > 0) {
      const a = encoding.createEncoder();
      encoding.writeVarUint(a, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(a, awarenessProtocol.encodeAwarenessUpdate(s.awareness, states));
      send(conn, encoding.toUint8Array(a));
    }
  }

  private refuse(conn: Conn, reason: string): void {
    const who = conn.peer.kind === 'participant' ? `participant ${conn.peer.participantId}` : 'facilitator';
    this.log(`[goodhart room] dropped a message from ${who}: ${reason}`);
  }

  private onMessage(s: Shared, conn: Conn, docName: string, data: Uint8Array): void {
    const now = Date.now();
    if (now - conn.windowStart >= 1000) {
      conn.windowStart = now;
      conn.inWindow = 0;
    }
    conn.inWindow++;
    if (conn.inWindow > MAX_MESSAGES_PER_SECOND) {
      // One line per second at most, however fast a client floods.
      if (conn.inWindow === MAX_MESSAGES_PER_SECOND + 1)
        this.refuse(conn, `more than ${MAX_MESSAGES_PER_SECOND} messages in a second`);
      return;
    }
    if (data.length > MAX_MESSAGE_BYTES) {
      this.refuse(conn, `message of ${data.length} bytes, over the limit of ${MAX_MESSAGE_BYTES}`);
      return;
    }
    if (data.length === 0) {
      this.refuse(conn, 'not a binary message');
      return;
    }
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) {
        const enc = encoding.createEncoder();
        encoding.writeVarUint(enc, MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(enc, s.doc, decoding.readVarUint8Array(decoder));
        send(conn, encoding.toUint8Array(enc));
      } else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
        this.onUpdate(s, conn, docName, decoding.readVarUint8Array(decoder));
      } else this.refuse(conn, `unknown sync message ${step}`);
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(s.awareness, decoding.readVarUint8Array(decoder), conn);
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        enc,
        awarenessProtocol.encodeAwarenessUpdate(s.awareness, [...s.awareness.getStates().keys()]),
      );
      send(conn, encoding.toUint8Array(enc));
    } else this.refuse(conn, `unknown message type ${type}`);
  }

  private onUpdate(s: Shared, conn: Conn, docName: string, update: Uint8Array): void {
    const peer = conn.peer;
    if (peer.kind === 'facilitator') {
      // Read-only: a facilitator's page answers the server's sync step 1 with an empty diff; say so only
      // when the update would have changed something.
      const v = checkUpdate(s.doc, update, { participantId: '', datasetId: this.datasetId });
      if (!v.ok || v.changes) this.refuse(conn, 'the facilitator token is read-only');
      return;
    }
    const verdict = checkUpdate(s.doc, update, {
      participantId: peer.participantId,
      datasetId: this.datasetId,
    });
    if (!verdict.ok) {
      this.refuse(conn, verdict.reason);
      return;
    }
    if (!verdict.changes) return;
    this.store.persist(docName, update);
    Y.applyUpdate(s.doc, update, conn);
  }

  private ping(): void {
    for (const s of this.shared.values())
      for (const c of s.conns) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        c.ws.ping();
      }
  }

  /** Closes every connection and stops the hub (the store is closed by its owner). */
  close(): void {
    clearInterval(this.pinger);
    for (const s of this.shared.values()) {
      for (const c of s.conns) c.ws.terminate();
      s.dispose();
    }
    this.shared.clear();
  }
}

function send(conn: Conn, msg: Uint8Array): void {
  if (conn.ws.readyState !== conn.ws.OPEN) return;
  conn.ws.send(msg, (err) => {
    if (err) conn.ws.terminate();
  });
}
