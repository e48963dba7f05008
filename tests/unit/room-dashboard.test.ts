// Tests of the facilitator dashboard's pure pieces (lib/core/room/dashboard.ts): the token from the link's
// fragment, the checked reading of the server's answers, and the room's figures from a session export.
import { describe, expect, it } from 'vitest';
import {
  facilitatorToken,
  readRoomExport,
  readSummary,
  roomExportPath,
  roomFigures,
  roomTraining,
} from '../../lib/core/room/dashboard';
import { facilitatorUrl } from '../../lib/core/room/protocol';
import { binomialTwoSidedHalf } from '../../lib/core/stats/binomial';
import type { SessionBundle } from '../../lib/core/formats/session';
import type { Comparison, Outcome, Response } from '../../lib/core/types';

describe('facilitatorToken', () => {
  it('reads the token facilitatorUrl puts in the fragment, and says to strip it', () => {
    const url = new URL(facilitatorUrl('http://192.168.1.5:3300', 'a+b/c=='));
    expect(facilitatorToken(url.hash, null)).toEqual({ token: 'a+b/c==', fromFragment: true });
    // The fragment wins over a token kept from an earlier room.
    expect(facilitatorToken(url.hash, 'old')).toEqual({ token: 'a+b/c==', fromFragment: true });
  });

  it('falls back to the stored token after a reload, and to none', () => {
    expect(facilitatorToken('', 'kept')).toEqual({ token: 'kept', fromFragment: false });
    expect(facilitatorToken('#token=', ' kept ')).toEqual({ token: 'kept', fromFragment: false });
    expect(facilitatorToken('#other=1', null)).toEqual({ token: null, fromFragment: false });
    expect(facilitatorToken('', '  ')).toEqual({ token: null, fromFragment: false });
  });

  it('names the export endpoint of the contract', () => {
    expect(roomExportPath('session')).toBe('/api/room/export?format=session');
    expect(roomExportPath('trl')).toBe('/api/room/export?format=trl');
  });
});

describe('reading the server answers', () => {
  it('accepts a summary and refuses a malformed one naming the field', () => {
    const ok = readSummary({ participants: [{ name: 'Ada', labels: 3, present: true }], labels: 3 });
    expect(ok).toEqual({
      ok: true,
      value: { participants: [{ name: 'Ada', labels: 3, present: true }], labels: 3 },
    });
    const bad = readSummary({ participants: [{ name: 'Ada', labels: -1 }], labels: 3 });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.message).toMatch(
        /^the room summary is not in the expected shape: participants\.0\.labels: /,
      );
  });

  it('refuses an export that is not a session bundle, naming the field', () => {
    const bad = readRoomExport({ format: 'goodhart-session', version: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.message).toMatch(/^the room export is not a session bundle: exportedAt: .*more problems\)$/);
    expect(readRoomExport(bundle([])).ok).toBe(true);
  });
});

const responses: Response[] = [
  { id: 'p1-right', promptId: 'p1', datasetId: 'room', text: 'right', correct: true, tags: [] },
  { id: 'p1-wrong', promptId: 'p1', datasetId: 'room', text: 'wrong', correct: false, tags: [] },
  ...Array.from({ length: 12 }, (_, i) => [
    { id: `q${i}-x`, promptId: `q${i}`, datasetId: 'room', text: 'x', tags: [] },
    { id: `q${i}-y`, promptId: `q${i}`, datasetId: 'room', text: 'y', tags: [] },
  ]).flat(),
];

let nextId = 0;
function cmp(
  annotatorId: string,
  aId: string,
  bId: string,
  outcome: Outcome,
  datasetId = 'room',
): Comparison {
  const promptId = aId.split('-')[0];
  return {
    id: `c${nextId++}`,
    datasetId,
    promptId,
    aId,
    bId,
    outcome,
    annotatorId,
    createdAt: nextId,
    durationMs: 1,
  };
}

function bundle(comparisons: Comparison[]): SessionBundle {
  return {
    format: 'goodhart-session',
    version: 1,
    exportedAt: 1,
    datasets: [
      {
        format: 'goodhart-dataset',
        version: 1,
        dataset: { id: 'room', name: 'Room', description: '', source: 'room', created: 1 },
        prompts: [{ id: 'p1', datasetId: 'room', text: '?', category: '' }].concat(
          Array.from({ length: 12 }, (_, i) => ({ id: `q${i}`, datasetId: 'room', text: '?', category: '' })),
        ),
        responses,
      },
    ],
    comparisons,
    skips: [],
    annotators: [
      { id: 'u1', name: '<img src=x onerror=alert(1)>', kind: 'human', created: 1 },
      { id: 'u2', name: 'Bo', kind: 'human', created: 1 },
    ],
    models: [],
    settings: {},
  };
}

describe('roomFigures', () => {
  it('gives α with its n, position bias by name, and who preferred the wrong answer most', () => {
    const labels = [
      // Both on p1: u1 prefers the wrong answer twice (once per side), u2 the right one.
      cmp('u1', 'p1-right', 'p1-wrong', 'b'),
      cmp('u1', 'p1-wrong', 'p1-right', 'a'),
      cmp('u2', 'p1-wrong', 'p1-right', 'b'),
      // Three more shared pairs, and u1 always picks the left one.
      ...[0, 1, 2].flatMap((i) => [
        cmp('u1', `q${i}-x`, `q${i}-y`, 'a'),
        cmp('u2', `q${i}-y`, `q${i}-x`, 'b'),
      ]),
      // A label on another dataset never counts.
      cmp('u2', 'z-1', 'z-2', 'a', 'elsewhere'),
    ];
    const f = roomFigures(bundle(labels));
    expect(f.datasetId).toBe('room');
    expect(f.labels).toBe(9);
    expect(f.alpha.n).toBe(4);
    expect(f.bias).toEqual([
      {
        annotatorId: 'u1',
        name: '<img src=x onerror=alert(1)>',
        n: 5,
        leftShare: 0.8,
        pValue: binomialTwoSidedHalf(4, 5),
        flagged: false,
      },
      {
        annotatorId: 'u2',
        name: 'Bo',
        n: 4,
        leftShare: 0,
        pValue: binomialTwoSidedHalf(0, 4),
        flagged: false,
      },
    ]);
    expect(f.wrong).toEqual([
      { annotatorId: 'u1', name: '<img src=x onerror=alert(1)>', n: 2, preferredWrong: 2, wrongRate: 1 },
      { annotatorId: 'u2', name: 'Bo', n: 1, preferredWrong: 0, wrongRate: 0 },
    ]);
  });

  it('flags a left-side habit beyond chance', () => {
    const labels = Array.from({ length: 12 }, (_, i) => cmp('u2', `q${i}-x`, `q${i}-y`, 'a'));
    const [row] = roomFigures(bundle(labels)).bias;
    expect(row).toMatchObject({ name: 'Bo', n: 12, leftShare: 1, flagged: true });
    expect(row.pValue).toBeCloseTo(2 / 4096, 12);
  });

  it('an empty room has no figures and α on 0 shared pairs', () => {
    const f = roomFigures(bundle([]));
    expect(f).toEqual({ datasetId: 'room', labels: 0, alpha: { alpha: null, n: 0 }, bias: [], wrong: [] });
  });
});

describe('roomTraining', () => {
  it('has the careful fact-checker judge exactly the room pairs, same sides, reproducibly', () => {
    const labels = [
      cmp('u1', 'p1-wrong', 'p1-right', 'a'),
      cmp('u2', 'p1-right', 'p1-wrong', 'b'),
      cmp('u2', 'q0-x', 'q0-y', 'a'),
      cmp('u2', 'z-1', 'z-2', 'a', 'elsewhere'),
    ];
    const t = roomTraining(bundle(labels))!;
    expect(t.room.map((c) => c.id)).toEqual(labels.slice(0, 3).map((c) => c.id));
    expect(t.careful.annotator).toMatchObject({ name: 'sim: careful fact-checker', kind: 'simulated' });
    expect(t.careful.comparisons.map((c) => [c.promptId, c.aId, c.bId, c.datasetId])).toEqual(
      t.room.map((c) => [c.promptId, c.aId, c.bId, 'room']),
    );
    expect(new Set(t.careful.comparisons.map((c) => c.id)).size).toBe(3);
    expect(roomTraining(bundle(labels))).toEqual(t);
  });

  it('the careful rater mostly picks the right answer where the room picked the wrong one', () => {
    const wrongPicks = Array.from({ length: 40 }, (_, i) =>
      cmp('u1', i % 2 ? 'p1-wrong' : 'p1-right', i % 2 ? 'p1-right' : 'p1-wrong', i % 2 ? 'a' : 'b'),
    );
    const careful = roomTraining(bundle(wrongPicks))!.careful.comparisons;
    const right = careful.filter((c) => (c.outcome === 'a') === (c.aId === 'p1-right')).length;
    expect(right).toBeGreaterThanOrEqual(34);
  });

  it('refuses a pair whose response is not in the dataset, naming the pair', () => {
    const t = () =>
      roomTraining(bundle([cmp('u1', 'p1-right', 'p1-wrong', 'a'), cmp('u1', 'p1-right', 'nope', 'a')]));
    expect(t).toThrow('pair 1: response "nope" is not in the dataset');
  });
});
