// The participant's pure decisions (lib/core/room/participant.ts, sync-plan.ts): what a join answer means,
// which dataset answers are usable, the remembered identity, and the sync plan that mirrors IndexedDB
// into the participant's Yjs document — checked against real Y.Docs: any interleaving of labels, undos,
// lost connections and duplicated updates leaves the server's document with exactly the stored ids.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Comparison, DatasetFile, Skip } from '../../lib/core/types';
import { LABELS_MAP, SKIPS_MAP } from '../../lib/core/room/protocol';
import { parseRoomIdentity, readJoinAnswer, readRoomDataset } from '../../lib/core/room/participant';
import {
  CHUNK_RECORDS,
  firstChunk,
  isEmptyPlan,
  pendingCount,
  pendingRecords,
  roomStatusText,
  syncPlan,
  syncServerUrl,
  type DocKeys,
  type StoredRecords,
} from '../../lib/core/room/sync-plan';

const ORIGIN = 'http://192.168.1.20:3300';
const joined = { participantId: 'p1', name: 'Sam', token: 't0k', datasetId: 'demo' };

const label = (id: string): Comparison => ({
  id,
  datasetId: 'demo',
  promptId: 'p',
  aId: 'r0',
  bId: 'r1',
  outcome: 'a',
  strength: 2,
  rationale: undefined,
  annotatorId: 'p1',
  createdAt: 1,
  durationMs: 10,
});
const skip = (id: string): Skip => ({
  id,
  datasetId: 'demo',
  promptId: 'p',
  aId: 'r0',
  bId: 'r2',
  annotatorId: 'p1',
  createdAt: 2,
});
const keys = (labels: string[], skips: string[] = []): DocKeys => ({
  labels: new Set(labels),
  skips: new Set(skips),
});

describe('readJoinAnswer', () => {
  it('200 with a join response is the identity, with the origin it came from', () => {
    expect(readJoinAnswer(200, joined, ORIGIN)).toEqual({
      kind: 'joined',
      identity: { ...joined, origin: ORIGIN },
    });
  });

  it('200 in another shape is refused, naming the field', () => {
    const a = readJoinAnswer(200, { ...joined, token: 5 }, ORIGIN);
    expect(a.kind).toBe('refused');
    expect(a.kind === 'refused' && a.message).toMatch(
      /^The room answered the join in a shape .*token: .*nothing was saved\.$/,
    );
  });

  it('409 offers the server’s suggestion with its message', () => {
    const body = {
      error: 'name-taken',
      message: 'The name "Sam" is taken in this room.',
      suggestion: 'Sam (2)',
    };
    expect(readJoinAnswer(409, body, ORIGIN)).toEqual({
      kind: 'taken',
      message: body.message,
      suggestion: 'Sam (2)',
    });
  });

  it('403 and 400 show the server’s message; a body without one names the status', () => {
    expect(
      readJoinAnswer(403, { error: 'bad-code', message: 'That join code is not this room’s.' }, ORIGIN),
    ).toEqual({
      kind: 'refused',
      message: 'That join code is not this room’s.',
    });
    expect(readJoinAnswer(400, undefined, ORIGIN)).toEqual({
      kind: 'refused',
      message: 'The room refused the join (HTTP 400); nothing was saved.',
    });
    // A 409 without a suggestion is not offered as a choice.
    expect(readJoinAnswer(409, { message: 'taken' }, ORIGIN)).toEqual({ kind: 'refused', message: 'taken' });
  });
});

describe('readRoomDataset', () => {
  const file: DatasetFile = {
    format: 'goodhart-dataset',
    version: 1,
    dataset: { id: 'demo', name: 'Demo', description: '', source: 'room', created: 1 },
    prompts: [{ id: 'p', datasetId: 'demo', text: 'q', category: 'c' }],
    responses: [{ id: 'r0', promptId: 'p', datasetId: 'demo', text: 'a', tags: [] }],
  };

  it('accepts the room’s dataset file', () => {
    expect(readRoomDataset(file, 'demo')).toEqual({ ok: true, file });
  });

  it('refuses another dataset and a malformed file, naming why', () => {
    expect(readRoomDataset(file, 'other')).toEqual({
      ok: false,
      message: 'The room sent the dataset "demo" but its dataset is "other"; nothing was installed.',
    });
    const bad = readRoomDataset({ ...file, prompts: [{ id: 'p' }] }, 'demo');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/prompts\.0\.datasetId: .*nothing was installed\.$/);
  });
});

describe('parseRoomIdentity', () => {
  it('reads back what was stored and refuses anything else', () => {
    const identity = { ...joined, origin: ORIGIN };
    expect(parseRoomIdentity(JSON.stringify(identity))).toEqual(identity);
    expect(parseRoomIdentity(null)).toBeNull();
    expect(parseRoomIdentity('{not json')).toBeNull();
    expect(parseRoomIdentity(JSON.stringify(joined))).toBeNull(); // no origin
  });
});

describe('syncPlan and pendingRecords', () => {
  const stored: StoredRecords = { labels: [label('a'), label('b')], skips: [skip('s')] };

  it('sets only missing keys and deletes keys the store no longer has', () => {
    const plan = syncPlan(stored, keys(['a', 'gone'], ['old']));
    expect(plan.setLabels.map((c) => c.id)).toEqual(['b']);
    expect(plan.setSkips.map((s) => s.id)).toEqual(['s']);
    expect(plan.deleteLabels).toEqual(['gone']);
    expect(plan.deleteSkips).toEqual(['old']);
    // Plain data: no undefined fields travel.
    expect('rationale' in plan.setLabels[0]).toBe(false);
    expect(isEmptyPlan(plan)).toBe(false);
    expect(isEmptyPlan(syncPlan(stored, keys(['a', 'b'], ['s'])))).toBe(true);
  });

  it('counts what waits: stored records not in the document', () => {
    expect(pendingRecords(stored, keys(['a'])).labels.map((c) => c.id)).toEqual(['b']);
    expect(pendingCount(stored, keys(['a']))).toBe(2);
    expect(pendingCount(stored, keys(['a', 'b', 'extra'], ['s']))).toBe(0);
  });
});

describe('firstChunk', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => label(`l${i}`));

  it('sends at most CHUNK_RECORDS records per message, in stored order, the rest waiting', () => {
    const plan = syncPlan({ labels: many(450), skips: [skip('s')] }, keys(['gone']));
    const { chunk, rest, tooLarge } = firstChunk(plan, 1);
    expect(chunk.setLabels.map((c) => c.id)).toEqual(many(CHUNK_RECORDS).map((c) => c.id));
    expect(chunk.deleteLabels).toEqual(['gone']);
    expect(rest).toBe(450 - CHUNK_RECORDS + 1);
    expect(tooLarge).toEqual([]);
  });

  it('keeps a message under its byte budget and never sends a record larger than it', () => {
    const big = { ...label('big'), rationale: 'x'.repeat(5000) };
    const plan = syncPlan({ labels: [label('a'), big, label('b'), label('c')], skips: [] }, keys([]));
    const size = new TextEncoder().encode(JSON.stringify(plan.setLabels[0])).length;
    const { chunk, rest, tooLarge } = firstChunk(plan, 0, { maxBytes: 2 * size + 1 });
    expect(chunk.setLabels.map((c) => c.id)).toEqual(['a', 'b']);
    expect(rest).toBe(1);
    expect(tooLarge.map((r) => r.id)).toEqual(['big']);
  });

  it('never takes the document past the record cap (deletes make room)', () => {
    const plan = syncPlan({ labels: many(3), skips: [] }, keys(['x', 'y', 'z']));
    // 3 in the document, all deleted: 3 places under a cap of 3.
    expect(firstChunk(plan, 3, { maxInDoc: 3 }).chunk.setLabels).toHaveLength(3);
    const full = syncPlan({ labels: [...many(3), label('x')], skips: [] }, keys(['x']));
    const r = firstChunk(full, 1, { maxInDoc: 2 });
    expect(r.chunk.setLabels.map((c) => c.id)).toEqual(['l0']);
    expect(r.rest).toBe(2);
  });
});

describe('roomStatusText', () => {
  it('says connected only once synced with nothing waiting', () => {
    expect(roomStatusText({ connection: 'connected', synced: true, pending: 0 })).toBe('Room: connected');
    expect(roomStatusText({ connection: 'connected', synced: false, pending: 3 })).toBe(
      'Room: 3 labels waiting',
    );
    expect(roomStatusText({ connection: 'connected', synced: true, pending: 1 })).toBe(
      'Room: 1 label waiting',
    );
    expect(roomStatusText({ connection: 'offline', synced: false, pending: 2 })).toBe(
      'Room: offline — 2 labels waiting',
    );
    expect(roomStatusText({ connection: 'connecting', synced: false, pending: 0 })).toBe(
      'Room: connecting — 0 labels waiting',
    );
  });
});

describe('syncServerUrl', () => {
  it('is the page’s own host, ws for http and wss for https', () => {
    expect(syncServerUrl({ protocol: 'http:', host: '192.168.1.20:3300' }, '/sync')).toBe(
      'ws://192.168.1.20:3300/sync',
    );
    expect(syncServerUrl({ protocol: 'https:', host: 'lab.example' }, '/sync')).toBe(
      'wss://lab.example/sync',
    );
  });
});

// ── convergence against real Yjs documents ──────────────────────────────────────────────────────────────

type Step =
  | { kind: 'label' }
  | { kind: 'skip' }
  | { kind: 'undo' }
  | { kind: 'drop' }
  | { kind: 'lose' }
  | { kind: 'reconnect' }
  | { kind: 'reload' }
  | { kind: 'resend' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'label' }),
  fc.constant<Step>({ kind: 'label' }),
  fc.constant<Step>({ kind: 'skip' }),
  fc.constant<Step>({ kind: 'undo' }),
  fc.constant<Step>({ kind: 'drop' }),
  fc.constant<Step>({ kind: 'lose' }),
  fc.constant<Step>({ kind: 'reconnect' }),
  fc.constant<Step>({ kind: 'reload' }),
  fc.constant<Step>({ kind: 'resend' }),
);

/** What the hook does, with the network in between made explicit: updates are delivered only while connected. */
function runRoom(steps: Step[]) {
  const server = new Y.Doc();
  let page = new Y.Doc();
  let connected = true;
  let synced = true;
  const sent: Uint8Array[] = [];
  let loseNext = false;
  const wire = (update: Uint8Array) => {
    sent.push(update);
    if (loseNext) {
      // The socket dies with this message in flight: the server never gets it.
      loseNext = false;
      connected = false;
      synced = false;
    } else if (connected) Y.applyUpdate(server, update);
  };
  page.on('update', wire);
  const records: (Comparison | Skip)[] = [];
  const kinds = new Map<string, 'label' | 'skip'>();
  let n = 0;
  const stored = (): StoredRecords => ({
    labels: records.filter((r) => kinds.get(r.id) === 'label') as Comparison[],
    skips: records.filter((r) => kinds.get(r.id) === 'skip') as Skip[],
  });
  const apply = () => {
    if (!connected || !synced) return;
    const lm = page.getMap(LABELS_MAP);
    const sm = page.getMap(SKIPS_MAP);
    const full = syncPlan(stored(), { labels: new Set(lm.keys()), skips: new Set(sm.keys()) });
    // Small messages, so that drops and losses land between the chunks of one catch-up.
    const plan = firstChunk(full, lm.size + sm.size, { maxRecords: 3 }).chunk;
    page.transact(() => {
      for (const c of plan.setLabels) lm.set(c.id, c);
      for (const s of plan.setSkips) sm.set(s.id, s);
      for (const id of plan.deleteLabels) lm.delete(id);
      for (const id of plan.deleteSkips) sm.delete(id);
    });
  };
  const sync = () => {
    // y-protocols sync steps 1 and 2, both ways.
    Y.applyUpdate(page, Y.encodeStateAsUpdate(server, Y.encodeStateVector(page)));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(page, Y.encodeStateVector(server)));
    synced = true;
  };
  for (const step of steps) {
    if (step.kind === 'label' || step.kind === 'skip') {
      const id = `${step.kind}-${n++}`;
      kinds.set(id, step.kind);
      records.push(step.kind === 'label' ? label(id) : skip(id));
    } else if (step.kind === 'undo') records.pop();
    else if (step.kind === 'lose') loseNext = connected;
    else if (step.kind === 'drop') {
      loseNext = false;
      connected = false;
      synced = false;
    } else if (step.kind === 'reconnect') {
      connected = true;
      sync();
    } else if (step.kind === 'reload') {
      // A fresh page document (IndexedDB keeps the records), filled from the server once connected.
      page.off('update', wire);
      page = new Y.Doc();
      page.on('update', wire);
      synced = false;
      if (connected) sync();
    } else if (sent.length) Y.applyUpdate(server, sent[sent.length - 1]); // a duplicated message
    apply();
  }
  // The network comes back for good.
  loseNext = false;
  connected = true;
  sync();
  for (let i = 0; i < steps.length + 1; i++) apply();
  return { server, stored: stored() };
}

describe('the sync plan over Yjs', () => {
  it('any interleaving of labels, undos, drops, reloads and duplicates ends with exactly the stored ids', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const { server, stored } = runRoom(steps);
        const labels = server.getMap(LABELS_MAP);
        const skips = server.getMap(SKIPS_MAP);
        expect([...labels.keys()].sort()).toEqual(stored.labels.map((c) => c.id).sort());
        expect([...skips.keys()].sort()).toEqual(stored.skips.map((s) => s.id).sort());
        for (const c of stored.labels) expect(labels.get(c.id)).toEqual(JSON.parse(JSON.stringify(c)));
      }),
      { numRuns: 200 },
    );
  });

  it('labels made offline wait, then arrive once on reconnect', () => {
    const { server, stored } = runRoom([
      { kind: 'label' },
      { kind: 'drop' },
      { kind: 'label' },
      { kind: 'label' },
      { kind: 'reconnect' },
      { kind: 'resend' },
    ]);
    expect(server.getMap(LABELS_MAP).size).toBe(3);
    expect(stored.labels).toHaveLength(3);
  });
});
