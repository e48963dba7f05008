// The room server's checks of an incoming Yjs update (cli/room/validate.ts) and its update log
// (cli/room/docs.ts): forged, malformed, foreign and oversized changes are refused with a reason and the
// document is unchanged; the log survives a torn write and is compacted on load.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocStore, readLogRecords } from '../../cli/room/docs';
import { checkUpdate } from '../../cli/room/validate';
import {
  LABELS_MAP,
  MAX_RECORDS_PER_PARTICIPANT,
  SKIPS_MAP,
  participantDocName,
} from '../../lib/core/room/protocol';
import { tempFolder } from './cli-harness';
import { label } from './room-fixture';

const ctx = { participantId: 'p1', datasetId: 'demo' };

/** The update a client doc produces when `edit` runs on a copy of `base`. */
function updateFrom(base: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

const snapshot = (doc: Y.Doc) => JSON.stringify(doc.getMap(LABELS_MAP).toJSON());

describe('checkUpdate', () => {
  it('accepts a participant writing and removing their own labels and skips', () => {
    const doc = new Y.Doc();
    const add = updateFrom(doc, (d) => {
      d.getMap(LABELS_MAP).set('l1', label('l1'));
      const { outcome: _o, strength: _s, durationMs: _d, ...skip } = label('s1');
      d.getMap(SKIPS_MAP).set('s1', skip);
    });
    expect(checkUpdate(doc, add, ctx)).toEqual({ ok: true, changes: true });
    Y.applyUpdate(doc, add);
    expect(checkUpdate(doc, add, ctx)).toEqual({ ok: true, changes: false });
    const undo = updateFrom(doc, (d) => d.getMap(LABELS_MAP).delete('l1'));
    expect(checkUpdate(doc, undo, ctx)).toEqual({ ok: true, changes: true });
  });

  it.each([
    [
      'another annotator',
      (d: Y.Doc) => d.getMap(LABELS_MAP).set('l2', label('l2', { annotatorId: 'p2' })),
      /annotatorId "p2" is not this participant/,
    ],
    [
      'another dataset',
      (d: Y.Doc) => d.getMap(LABELS_MAP).set('l2', label('l2', { datasetId: 'x' })),
      /datasetId "x" is not the room's dataset "demo"/,
    ],
    [
      'a key other than its id',
      (d: Y.Doc) => d.getMap(LABELS_MAP).set('k', label('l2')),
      /id is "l2", not its key/,
    ],
    [
      'a bad schema',
      (d: Y.Doc) => d.getMap(LABELS_MAP).set('l2', { ...label('l2'), outcome: 'left' }),
      /labels\["l2"\]: outcome: /,
    ],
    [
      'a foreign top-level map',
      (d: Y.Doc) => d.getMap('evil').set('x', 1),
      /changes "evil"; only "labels" and "skips" may change/,
    ],
    ['a nested shared type', (d: Y.Doc) => d.getMap(LABELS_MAP).set('l2', new Y.Map()), /labels\["l2"\]/],
    [
      'labels as a list',
      (d: Y.Doc) => d.getArray(LABELS_MAP).insert(0, [1]),
      /"labels" must be a map keyed by record id/,
    ],
  ])('refuses %s, and the document is unchanged', (_what, edit, reason) => {
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      updateFrom(doc, (d) => d.getMap(LABELS_MAP).set('l1', label('l1'))),
    );
    const before = snapshot(doc);
    const v = checkUpdate(doc, updateFrom(doc, edit), ctx);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason).toMatch(reason);
    expect(snapshot(doc)).toBe(before);
    expect([...doc.share.keys()].sort()).toEqual([LABELS_MAP]);
  });

  it('refuses bytes that are not an update, and an update that waits on changes the server lacks', () => {
    const doc = new Y.Doc();
    expect(checkUpdate(doc, new Uint8Array([1, 2, 3, 250, 250]), ctx)).toMatchObject({ ok: false });
    const client = new Y.Doc();
    client.getMap(LABELS_MAP).set('l1', label('l1'));
    const sv = Y.encodeStateVector(client);
    client.getMap(LABELS_MAP).set('l2', label('l2'));
    const gap = Y.encodeStateAsUpdate(client, sv); // l2 only: depends on l1, which the server lacks
    expect(checkUpdate(doc, gap, ctx)).toEqual({
      ok: false,
      reason: 'the update depends on changes the server does not have',
    });
  });

  it(`refuses growing past ${MAX_RECORDS_PER_PARTICIPANT} records`, () => {
    const doc = new Y.Doc();
    const full = updateFrom(doc, (d) =>
      d.transact(() => {
        for (let i = 0; i < MAX_RECORDS_PER_PARTICIPANT; i++)
          d.getMap(LABELS_MAP).set(`l${i}`, label(`l${i}`));
      }),
    );
    expect(checkUpdate(doc, full, ctx)).toEqual({ ok: true, changes: true });
    Y.applyUpdate(doc, full);
    const more = updateFrom(doc, (d) => d.getMap(LABELS_MAP).set('extra', label('extra')));
    expect(checkUpdate(doc, more, ctx)).toEqual({
      ok: false,
      reason: `the document would hold ${MAX_RECORDS_PER_PARTICIPANT + 1} records, over the limit of ${MAX_RECORDS_PER_PARTICIPANT}`,
    });
  });
});

describe('DocStore', () => {
  const tmp = tempFolder('room-docs');
  const name = participantDocName('p1');

  it('replays the log, ignores a torn last record, and compacts the log to one record', () => {
    const dir = join(tmp.dir, 'a');
    const store = new DocStore(dir);
    const doc = store.get(name);
    for (const id of ['l1', 'l2', 'l3']) {
      const u = updateFrom(doc, (d) => d.getMap(LABELS_MAP).set(id, label(id)));
      store.persist(name, u);
      Y.applyUpdate(doc, u);
    }
    store.close();
    const file = join(dir, 'participant-p1.log');
    expect(readLogRecords(readFileSync(file)).updates).toHaveLength(3);
    appendFileSync(file, Buffer.from([0, 0, 1, 0, 7, 7])); // a record cut short by a crash
    const warnings: string[] = [];
    const again = new DocStore(dir, { warn: (l) => warnings.push(l) });
    expect([...again.get(name).getMap(LABELS_MAP).keys()].sort()).toEqual(['l1', 'l2', 'l3']);
    expect(warnings).toEqual([`${file}: ignored a torn last record (the server stopped mid-write)`]);
    again.close();
    const compacted = readLogRecords(readFileSync(file));
    expect(compacted).toMatchObject({ torn: false });
    expect(compacted.updates).toHaveLength(1);
  });

  it('read-only: replays without rewriting the log', () => {
    const dir = join(tmp.dir, 'b');
    const store = new DocStore(dir);
    const doc = store.get(name);
    for (const id of ['l1', 'l2']) {
      const u = updateFrom(doc, (d) => d.getMap(LABELS_MAP).set(id, label(id)));
      store.persist(name, u);
      Y.applyUpdate(doc, u);
    }
    store.close();
    const file = join(dir, 'participant-p1.log');
    const bytes = readFileSync(file);
    const ro = new DocStore(dir, { readOnly: true });
    expect(ro.get(name).getMap(LABELS_MAP).size).toBe(2);
    ro.close();
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
