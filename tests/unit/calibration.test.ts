// The room's calibration set (lib/core/labeling/calibration.ts) and its hook into the pairs session
// (lib/core/labeling/session.ts): the server's choice spreads over prompts and is seeded by the room's
// code; each participant's first K pairs are exactly that set, in their own order with their own sides,
// none repeated, and then coverage goes on.
import { describe, expect, it } from 'vitest';
import {
  calibrationDone,
  calibrationKey,
  calibrationOrder,
  chooseCalibration,
  type CalibrationPair,
} from '../../lib/core/labeling/calibration';
import { parseRoomIdentity, readJoinAnswer, roomCalibrationFor } from '../../lib/core/room/participant';
import { initialPairState, step, type PairEvent, type PairState } from '../../lib/core/labeling/session';
import { sessionDataset } from './session-fixture';

const dataset = sessionDataset;

type Shown = { promptId: string; leftId: string; rightId: string };

/** One annotator labels every pair of `d` in one tab; returns the pairs in the order shown. */
function labelAll(
  annotatorId: string,
  d: ReturnType<typeof dataset>,
  calibration: readonly CalibrationPair[],
  now = 1,
): Shown[] {
  const run = (s: PairState, e: PairEvent) => step(s, e).state;
  let s = run(initialPairState('T'), { type: 'opened', annotatorId, datasetId: 'd', tab: 'T' });
  s = run(s, {
    type: 'loaded',
    key: `${annotatorId}|d`,
    ...d,
    comparisons: [],
    skips: [],
    calibration,
    now,
  });
  const out: Shown[] = [];
  for (let i = 0; i < 10_000 && s.session?.current; i++) {
    const { promptId, leftId, rightId } = s.session.current;
    out.push({ promptId, leftId, rightId });
    s = run(s, { type: 'judge', id: `${annotatorId}-${i}`, outcome: 'a', now: now + i });
    s = run(s, { type: 'stored', now: now + i });
  }
  return out;
}

const key = (p: Shown) => calibrationKey(p.promptId, p.leftId, p.rightId);

describe('chooseCalibration', () => {
  it('spreads K pairs over different prompts, seeded by the room code', () => {
    const { pool } = dataset(12, 4);
    const set = chooseCalibration(pool, 10, 'ABC234');
    expect(set).toHaveLength(10);
    expect(new Set(set.map((c) => c.promptId)).size).toBe(10);
    for (const c of set) expect(c.aId < c.bId).toBe(true);
    expect(chooseCalibration(pool, 10, 'ABC234')).toEqual(set);
    expect(chooseCalibration(pool, 10, 'XYZ789')).not.toEqual(set);
  });

  it('gives a prompt a second pair only when every prompt has one; K = 0 is none; too many is refused', () => {
    const { pool } = dataset(3, 3);
    const set = chooseCalibration(pool, 7, 'R');
    expect(new Set(set.map((c) => calibrationKey(c.promptId, c.aId, c.bId))).size).toBe(7);
    const perPrompt = new Map<string, number>();
    for (const c of set) perPrompt.set(c.promptId, (perPrompt.get(c.promptId) ?? 0) + 1);
    expect([...perPrompt.values()].sort()).toEqual([2, 2, 3]);
    expect(new Set(set.slice(0, 3).map((c) => c.promptId)).size).toBe(3);
    expect(chooseCalibration(pool, 0, 'R')).toEqual([]);
    expect(() => chooseCalibration(pool, 10, 'R')).toThrow(
      'the dataset has 9 pairs, fewer than the 10 asked for',
    );
  });
});

describe('calibration in the labeling session', () => {
  const d = dataset(8, 4);
  const set = chooseCalibration(d.pool, 6, 'ROOM42');
  const setKeys = new Set(set.map((c) => calibrationKey(c.promptId, c.aId, c.bId)));

  it('shows the K calibration pairs first, in a different order and sides for two annotators, none twice, then coverage', () => {
    const ann = labelAll('ann', d, set);
    const bob = labelAll('bob', d, set);
    for (const shown of [ann, bob]) {
      expect(new Set(shown.slice(0, 6).map(key))).toEqual(setKeys);
      // Every pair of the dataset exactly once: a calibration pair is never shown again.
      expect(shown).toHaveLength(8 * 6);
      expect(new Set(shown.map(key)).size).toBe(8 * 6);
      // Coverage continues: the two prompts the calibration did not touch come next, before any third pair.
      const touched = new Set(set.map((c) => c.promptId));
      const next = shown.slice(6, 8).map((p) => p.promptId);
      expect(next.every((p) => !touched.has(p))).toBe(true);
    }
    expect(ann.slice(0, 6).map(key)).not.toEqual(bob.slice(0, 6).map(key));
    const sides = (xs: Shown[]) => new Map(xs.slice(0, 6).map((p) => [key(p), p.leftId]));
    const a = sides(ann);
    const b = sides(bob);
    expect([...a].some(([k, left]) => b.get(k) !== left)).toBe(true);
  });

  it('keeps one annotator’s order and sides across reloads (a later load), and none without a set', () => {
    expect(labelAll('ann', d, set, 1).slice(0, 6)).toEqual(labelAll('ann', d, set, 99_999).slice(0, 6));
    const plain = labelAll('ann', d, []);
    expect(plain).toHaveLength(48);
    // Without a set the first pairs are plain coverage: eight different prompts.
    expect(new Set(plain.slice(0, 8).map((p) => p.promptId)).size).toBe(8);
  });

  it('after a reload, skips the calibration pairs already judged and shows the rest first', () => {
    const run = (s: PairState, e: PairEvent) => step(s, e).state;
    const order = calibrationOrder(set, 'ann', d.pool);
    const judged = order.slice(0, 2).map((p, i) => ({
      id: `c${i}`,
      datasetId: 'd',
      promptId: p.promptId,
      aId: p.rightId,
      bId: p.leftId,
      outcome: 'a' as const,
      annotatorId: 'ann',
      createdAt: 1,
      durationMs: 5,
    }));
    let s = run(initialPairState('T'), { type: 'opened', annotatorId: 'ann', datasetId: 'd', tab: 'T' });
    s = run(s, {
      type: 'loaded',
      key: 'ann|d',
      ...d,
      comparisons: judged,
      skips: [],
      calibration: set,
      now: 5,
    });
    expect(s.session!.current).toEqual(order[2]);
  });

  it('ignores pairs that are not in the pool or repeat, so nothing is shown forever', () => {
    const bad: CalibrationPair[] = [
      set[0],
      { promptId: set[0].promptId, aId: set[0].bId, bId: set[0].aId },
      { promptId: 'nope', aId: 'x', bId: 'y' },
      { promptId: 'p0', aId: 'p0r0', bId: 'p0r0' },
      { promptId: 'p0', aId: 'p0r0', bId: 'p1r1' },
    ];
    const order = calibrationOrder(bad, 'ann', d.pool);
    expect(order.map(key)).toEqual([calibrationKey(set[0].promptId, set[0].aId, set[0].bId)]);
    const shown = labelAll('ann', d, bad);
    expect(shown).toHaveLength(48);
    expect(key(shown[0])).toBe(calibrationKey(set[0].promptId, set[0].aId, set[0].bId));
  });
});

describe('calibrationDone', () => {
  it('counts each calibration pair once, whatever its sides', () => {
    const set: CalibrationPair[] = [
      { promptId: 'p', aId: 'a', bId: 'b' },
      { promptId: 'q', aId: 'c', bId: 'd' },
    ];
    const recs = [
      { promptId: 'p', aId: 'b', bId: 'a' },
      { promptId: 'p', aId: 'a', bId: 'b' },
      { promptId: 'q', aId: 'c', bId: 'e' },
    ];
    expect(calibrationDone(set, recs)).toBe(1);
    expect(calibrationDone(set, [...recs, { promptId: 'q', aId: 'd', bId: 'c' }])).toBe(2);
  });
});

describe('the calibration set with the room identity', () => {
  const set: CalibrationPair[] = [{ promptId: 'p1', aId: 'p1r0', bId: 'p1r2' }];
  const answer = { participantId: 'ann', name: 'Ann', token: 't', datasetId: 'd', calibration: set };

  it('the join answer carries it into the identity, and a reload (the stored text) keeps it', () => {
    const joined = readJoinAnswer(200, answer, 'http://room');
    expect(joined.kind).toBe('joined');
    const identity = (joined as Extract<typeof joined, { kind: 'joined' }>).identity;
    expect(identity.calibration).toEqual(set);
    const reloaded = parseRoomIdentity(JSON.stringify(identity));
    expect(roomCalibrationFor(reloaded, 'ann', 'd')).toEqual(set);
  });

  it('applies only to that participant on the room dataset; an identity from before calibration has none', () => {
    const identity = parseRoomIdentity(JSON.stringify({ ...answer, origin: 'http://room' }));
    expect(roomCalibrationFor(identity, 'bob', 'd')).toEqual([]);
    expect(roomCalibrationFor(identity, 'ann', 'other')).toEqual([]);
    expect(roomCalibrationFor(null, 'ann', 'd')).toEqual([]);
    const { calibration: _drop, ...old } = answer;
    expect(
      roomCalibrationFor(parseRoomIdentity(JSON.stringify({ ...old, origin: 'o' })), 'ann', 'd'),
    ).toEqual([]);
  });

  it('a join answer whose calibration is not pairs is refused, naming the field; nothing is saved', () => {
    const bad = readJoinAnswer(200, { ...answer, calibration: [{ promptId: 'p1' }] }, 'http://room');
    expect(bad).toEqual({
      kind: 'refused',
      message: expect.stringContaining('calibration.0.aId'),
    });
    expect((bad as { message: string }).message).toContain('nothing was saved');
  });
});
