// The room server in-process on port 0 (cli/room/server.ts): joining, the facilitator's summary and
// export, real y-websocket clients in Node writing their own documents, refusals at upgrade, forged
// messages dropped while the server keeps serving, and convergence under duplicates and reconnects (a
// SIGKILL of `goodhart room` that loses nothing: room-restart.test.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { createRoomServer, type RoomServer } from '../../cli/room/server';
import { calibrationDone } from '../../lib/core/labeling/calibration';
import { parseLabFile } from '../../lib/core/formats/session';
import {
  LABELS_MAP,
  MAX_MESSAGE_BYTES,
  MAX_MESSAGES_PER_SECOND,
  SYNC_PATH,
  participantDocName,
  type JoinResponse,
} from '../../lib/core/room/protocol';
import { tempFolder } from './cli-harness';
import { loadDataset } from '../../cli/commands/simulate';
import { join_, label, nodeProvider, summary, until } from './room-fixture';

const tmp = tempFolder('room-server');
const demo = loadDataset('demo', () => {}).dataset;

interface Started {
  room: RoomServer;
  base: string;
  port: number;
  log: string[];
}

async function start(dir: string): Promise<Started> {
  const out = join(tmp.dir, 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.html'), '<p>app</p>');
  writeFileSync(join(out, '404.html'), '<p>missing</p>');
  const log: string[] = [];
  const room = createRoomServer({ dataDir: dir, dataset: demo, outDir: out, log: (l) => log.push(l) });
  const port = await room.listen(0, '127.0.0.1');
  return { room, port, base: `http://127.0.0.1:${port}`, log };
}

const provider = nodeProvider;

const synced = (p: WebsocketProvider) => until(() => p.synced);

/** The status a raw upgrade to `path` is answered with (101 when it opens). */
function upgradeStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => {});
  });
}

describe('the room server', () => {
  let s: Started;
  let code: string;
  let facilitator: string;
  beforeAll(async () => {
    s = await start(join(tmp.dir, 'room1'));
    code = s.room.room.code;
    facilitator = s.room.room.facilitatorToken;
  });
  afterAll(() => s.room.close());

  it('serves the app, and 404 for anything else', async () => {
    expect(await (await fetch(`${s.base}/`)).text()).toBe('<p>app</p>');
    const missing = await fetch(`${s.base}/etc/passwd`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${s.base}/api/room/nothing`)).status).toBe(404);
    const ds = await fetch(`${s.base}/api/room/dataset`);
    expect((await ds.json()).dataset.id).toBe('demo');
  });

  it('joins; a taken name is 409 with "Sam (2)"; a bad code is 403; a hostile body is 400; nothing is stored', async () => {
    const ok = await join_(s.base, { code: code.toLowerCase(), name: ' Sam ' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ name: 'Sam', datasetId: 'demo' });
    expect((ok.json as JoinResponse).token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const before = s.room.room.participants.length;
    expect(await join_(s.base, { code, name: 'sam' })).toEqual({
      status: 409,
      json: {
        error: 'name-taken',
        message: '"sam" is already taken in this room; try "sam (2)"',
        suggestion: 'sam (2)',
      },
    });
    expect(await join_(s.base, { code: code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA', name: 'Ann' })).toEqual({
      status: 403,
      json: { error: 'bad-code', message: 'wrong join code for this room' },
    });
    expect(await join_(s.base, { code, name: 'a\u0000b' })).toEqual({
      status: 400,
      json: { error: 'bad-request', message: 'name: no control characters' },
    });
    expect(await join_(s.base, '{"code":')).toEqual({
      status: 400,
      json: { error: 'bad-request', message: 'the body is not JSON' },
    });
    expect((await join_(s.base, 'x'.repeat(20_000))).status).toBe(400);
    expect(s.room.room.participants.length).toBe(before);
  });

  it('suggests "Sam (2)" when Sam is taken', async () => {
    expect((await join_(s.base, { code, name: 'Sam' })).json).toMatchObject({ suggestion: 'Sam (2)' });
  });

  it('summary and export are 401 without the facilitator token', async () => {
    expect((await fetch(`${s.base}/api/room/summary`)).status).toBe(401);
    const wrong = await fetch(`${s.base}/api/room/summary`, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: 'unauthorized',
      message: 'this needs the facilitator token',
    });
    expect((await fetch(`${s.base}/api/room/export?format=trl`)).status).toBe(401);
  });

  it('two real clients write their own documents; the summary counts each label once; the export has them', async () => {
    const a = (await join_(s.base, { code, name: 'Ada' })).json as JoinResponse;
    const b = (await join_(s.base, { code, name: 'Bo' })).json as JoinResponse;
    const pa = provider(s.port, a);
    const pb = provider(s.port, b);
    await Promise.all([synced(pa), synced(pb)]);
    for (let i = 0; i < 3; i++)
      pa.doc.getMap(LABELS_MAP).set(`a${i}`, label(`a${i}`, { annotatorId: a.participantId }));
    pb.doc.getMap(LABELS_MAP).set('b0', label('b0', { annotatorId: b.participantId }));
    pb.doc.getMap(LABELS_MAP).set('b0', label('b0', { annotatorId: b.participantId, outcome: 'b' }));
    await until(async () => (await summary(s.base, facilitator)).labels === 4);
    const sum = await summary(s.base, facilitator);
    // Every label here is on one pair: calibrated is 1 when the room's calibration set holds it.
    const calibrated = calibrationDone(s.room.room.calibration, [label('x')]);
    expect(sum.participants.filter((p) => p.labels > 0)).toEqual([
      { name: 'Ada', labels: 3, present: true, calibrated },
      { name: 'Bo', labels: 1, present: true, calibrated },
    ]);
    const res = await fetch(`${s.base}/api/room/export?format=session`, {
      headers: { Authorization: `Bearer ${facilitator}` },
    });
    const parsed = parseLabFile('room.json', await res.text(), { now: 0 });
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(parsed.comparisons.map((c) => c.id).sort()).toEqual(['a0', 'a1', 'a2', 'b0']);
    expect(parsed.comparisons.find((c) => c.id === 'b0')?.outcome).toBe('b');
    const trl = await fetch(`${s.base}/api/room/export?format=trl`, {
      headers: { Authorization: `Bearer ${facilitator}` },
    });
    expect((await trl.text()).trim().split('\n')).toHaveLength(4);
    // The facilitator reads a participant's document; what it writes is dropped.
    const fdoc = new Y.Doc();
    const pf = provider(s.port, { ...a, token: facilitator }, fdoc);
    await until(() => fdoc.getMap(LABELS_MAP).size === 3);
    fdoc.getMap(LABELS_MAP).set('f0', label('f0', { annotatorId: a.participantId }));
    await until(() => s.log.some((l) => l.includes('facilitator: the facilitator token is read-only')));
    expect((await summary(s.base, facilitator)).labels).toBe(4);
    for (const p of [pa, pb, pf]) p.destroy();
  });

  it("refuses at upgrade a participant opening another's document, and any unknown token", async () => {
    const a = (await join_(s.base, { code, name: 'Cy' })).json as JoinResponse;
    const b = (await join_(s.base, { code, name: 'Di' })).json as JoinResponse;
    const doc = (id: string) => `${SYNC_PATH}/${participantDocName(id)}`;
    expect(await upgradeStatus(s.port, `${doc(a.participantId)}?token=${a.token}`)).toBe(101);
    expect(await upgradeStatus(s.port, `${doc(b.participantId)}?token=${a.token}`)).toBe(401);
    expect(await upgradeStatus(s.port, `${doc(b.participantId)}?token=forged`)).toBe(401);
    expect(await upgradeStatus(s.port, `${doc(b.participantId)}`)).toBe(401);
    expect(await upgradeStatus(s.port, `/elsewhere?token=${facilitator}`)).toBe(404);
  });

  it('drops forged labels, oversized messages and foreign maps, logs each, and keeps serving', async () => {
    const me = (await join_(s.base, { code, name: 'Eve' })).json as JoinResponse;
    const mine = () =>
      s.log.filter((l) => l.includes(`dropped a message from participant ${me.participantId}:`));
    const forgeries: [(doc: Y.Doc) => void, RegExp][] = [
      [
        (d) => d.getMap(LABELS_MAP).set('e1', label('e1', { annotatorId: 'someone-else' })),
        /: labels\["e1"\]: annotatorId "someone-else" is not this participant$/,
      ],
      [
        (d) =>
          d
            .getMap(LABELS_MAP)
            .set('e2', { ...label('e2', { annotatorId: me.participantId }), outcome: 'left' }),
        /: labels\["e2"\]: outcome: /,
      ],
      [(d) => d.getMap('evil').set('x', 1), /: changes "evil"; only "labels" and "skips" may change$/],
      [
        (d) =>
          d
            .getMap(LABELS_MAP)
            .set(
              'e3',
              label('e3', { annotatorId: me.participantId, rationale: 'x'.repeat(MAX_MESSAGE_BYTES) }),
            ),
        new RegExp(`: message of \\d+ bytes, over the limit of ${MAX_MESSAGE_BYTES}$`),
      ],
    ];
    for (const [i, [forge, reason]] of forgeries.entries()) {
      // A fresh client each time: a dropped update leaves its client's later updates waiting on it.
      const p = provider(s.port, me);
      await synced(p);
      forge(p.doc);
      await until(() => mine().length === i + 1);
      expect(mine()[i]).toMatch(reason);
      p.destroy();
    }
    const count = async () =>
      (await summary(s.base, facilitator)).participants.find((x) => x.name === 'Eve')?.labels;
    expect(await count()).toBe(0);
    const ok = provider(s.port, me);
    await synced(ok);
    ok.doc.getMap(LABELS_MAP).set('e-ok', label('e-ok', { annotatorId: me.participantId }));
    await until(async () => (await count()) === 1);
    ok.destroy();
  });

  it(`drops messages past ${MAX_MESSAGES_PER_SECOND} a second with one log line, and keeps the connection`, async () => {
    const me = (await join_(s.base, { code, name: 'Flo' })).json as JoinResponse;
    const raw = new WebSocket(
      `ws://127.0.0.1:${s.port}${SYNC_PATH}/${participantDocName(me.participantId)}?token=${me.token}`,
    );
    const answers: unknown[] = [];
    raw.on('message', (m) => answers.push(m));
    await new Promise((r) => raw.once('open', r));
    const step1 = new Uint8Array([0, 0, 1, 0]); // sync step 1, empty state vector: the server answers each
    for (let i = 0; i < MAX_MESSAGES_PER_SECOND + 20; i++) raw.send(step1);
    const flood = () => s.log.filter((l) => l.includes(`participant ${me.participantId}: more than`));
    await until(() => flood().length === 1);
    expect(flood()).toEqual([
      `[goodhart room] dropped a message from participant ${me.participantId}: more than ${MAX_MESSAGES_PER_SECOND} messages in a second`,
    ]);
    await new Promise((r) => setTimeout(r, 1100));
    const before = answers.length;
    raw.send(step1);
    await until(() => answers.length === before + 1);
    expect(answers.length).toBe(1 + MAX_MESSAGES_PER_SECOND + 1); // the server's own step 1, then one answer each
    raw.close();
  });

  it('any interleaving of duplicate updates and reconnects converges to the same label set', async () => {
    type Op =
      { kind: 'label'; tab: 0 | 1 } | { kind: 'dup'; index: number } | { kind: 'reconnect'; tab: 0 | 1 };
    const op = fc.oneof(
      fc.record({ kind: fc.constant('label' as const), tab: fc.constantFrom(0 as const, 1 as const) }),
      fc.record({ kind: fc.constant('dup' as const), index: fc.nat(50) }),
      fc.record({ kind: fc.constant('reconnect' as const), tab: fc.constantFrom(0 as const, 1 as const) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops: Op[]) => {
        const me = (await join_(s.base, { code, name: `Prop ${run++}` })).json as JoinResponse;
        const tabs = [provider(s.port, me), provider(s.port, me)];
        await Promise.all(tabs.map(synced));
        const sent: Uint8Array[] = [];
        for (const t of tabs) t.doc.on('update', (u: Uint8Array) => sent.push(u));
        const raw = new WebSocket(
          `ws://127.0.0.1:${s.port}${SYNC_PATH}/${participantDocName(me.participantId)}?token=${me.token}`,
        );
        await new Promise((r) => raw.once('open', r));
        const written = new Set<string>();
        for (const [i, o] of ops.entries()) {
          if (o.kind === 'label') {
            const id = `${me.participantId}-${i}`;
            written.add(id);
            tabs[o.tab].doc.getMap(LABELS_MAP).set(id, label(id, { annotatorId: me.participantId }));
          } else if (o.kind === 'dup' && sent.length > 0) {
            const enc = encoding.createEncoder();
            encoding.writeVarUint(enc, 0);
            syncProtocol.writeUpdate(enc, sent[o.index % sent.length]);
            raw.send(encoding.toUint8Array(enc));
          } else if (o.kind === 'reconnect') {
            tabs[o.tab].disconnect();
            tabs[o.tab].connect();
          }
        }
        const keys = (d: Y.Doc) => [...d.getMap(LABELS_MAP).keys()].sort();
        const want = [...written].sort();
        await until(() =>
          tabs.every((t) => t.synced && JSON.stringify(keys(t.doc)) === JSON.stringify(want)),
        );
        await until(async () => {
          const sum = await summary(s.base, facilitator);
          return sum.participants.find((p) => p.name === me.name)?.labels === want.length;
        });
        raw.close();
        for (const t of tabs) t.destroy();
      }),
      { seed: 12, numRuns: 8 },
    );
  });
});
