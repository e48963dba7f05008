// The room's calibration set on the server side (cli/room/state.ts, server.ts, cli/commands/room.ts):
// chosen once when the room is created and kept in room.json across restarts, carried by the join answer,
// counted per participant in the facilitator's summary; a size the dataset cannot fill is refused with
// nothing written.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { loadDataset } from '../../cli/commands/simulate';
import { createRoomServer, type RoomServer } from '../../cli/room/server';
import { RoomState } from '../../cli/room/state';
import { DashboardParticipants } from '../../components/room/DashboardTables';
import { calibrationKey } from '../../lib/core/labeling/calibration';
import {
  DEFAULT_CALIBRATION_PAIRS,
  LABELS_MAP,
  joinResponseSchema,
  roomSummarySchema,
  type JoinResponse,
  type RoomSummary,
} from '../../lib/core/room/protocol';
import { cli, tempFolder } from './cli-harness';
import { label, nodeProvider } from './room-fixture';

const tmp = tempFolder('room-calibration');
const demo = loadDataset('demo', () => {}).dataset;

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function start(
  dir: string,
  calibration?: number,
): Promise<{ room: RoomServer; base: string; port: number }> {
  const room = createRoomServer({ dataDir: dir, dataset: demo, calibration, outDir: null, log: () => {} });
  const port = await room.listen(0, '127.0.0.1');
  return { room, port, base: `http://127.0.0.1:${port}` };
}

async function joinAs(base: string, code: string, name: string): Promise<JoinResponse> {
  const res = await fetch(`${base}/api/room/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, name }),
  });
  expect(res.status).toBe(200);
  return joinResponseSchema.parse(await res.json());
}

async function summary(base: string, token: string) {
  const res = await fetch(`${base}/api/room/summary`, { headers: { Authorization: `Bearer ${token}` } });
  return roomSummarySchema.parse(await res.json());
}

const roomJson = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'room.json'), 'utf8')) as Record<string, unknown>;

describe('the calibration set on the room server', () => {
  it('is chosen at creation (10 by default, over 10 prompts), carried by the join, and kept across a restart', async () => {
    const dir = join(tmp.dir, 'kept');
    let s = await start(dir);
    const set = s.room.room.calibration;
    expect(set).toHaveLength(DEFAULT_CALIBRATION_PAIRS);
    expect(new Set(set.map((c) => c.promptId)).size).toBe(DEFAULT_CALIBRATION_PAIRS);
    expect(roomJson(dir).calibration).toEqual(set);
    const ann = await joinAs(s.base, s.room.room.code, 'Ann');
    expect(ann.calibration).toEqual(set);
    await s.room.close();

    // Restarted with another size: the room keeps its own set, and a later join still carries it.
    s = await start(dir, 3);
    try {
      expect(s.room.room.calibration).toEqual(set);
      expect(roomJson(dir).calibration).toEqual(set);
      expect((await joinAs(s.base, s.room.room.code, 'Bob')).calibration).toEqual(set);
    } finally {
      await s.room.close();
    }
  });

  it('summary says how many calibration pairs each participant labeled, of K', async () => {
    const dir = join(tmp.dir, 'summary');
    const s = await start(dir, 4);
    const doc = new Y.Doc();
    let provider: WebsocketProvider | null = null;
    try {
      const set = s.room.room.calibration;
      const ann = await joinAs(s.base, s.room.room.code, 'Ann');
      await joinAs(s.base, s.room.room.code, 'Bob');
      provider = nodeProvider(s.port, ann, doc);
      const p = provider;
      await until(() => p.synced);
      const map = doc.getMap(LABELS_MAP);
      const other = demo.responses.filter((r) => r.promptId === 'demo-a-01').map((r) => r.id);
      const extra = { promptId: 'demo-a-01', aId: other[0], bId: other[1] };
      const isCal = set.some(
        (c) =>
          calibrationKey(c.promptId, c.aId, c.bId) === calibrationKey(extra.promptId, extra.aId, extra.bId),
      );
      // Two calibration pairs (one of them twice, sides swapped: counted once) and a pair outside the set.
      const records = [
        { ...set[0] },
        { promptId: set[0].promptId, aId: set[0].bId, bId: set[0].aId },
        { ...set[1] },
        ...(isCal ? [] : [extra]),
      ];
      doc.transact(() =>
        records.forEach((r, i) =>
          map.set(
            `l${i}`,
            label(`l${i}`, { ...r, annotatorId: ann.participantId, datasetId: ann.datasetId }),
          ),
        ),
      );
      const token = s.room.room.facilitatorToken;
      const end = Date.now() + 5000;
      let got = await summary(s.base, token);
      while (got.labels < records.length && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 20));
        got = await summary(s.base, token);
      }
      expect(got.calibration).toBe(4);
      expect(got.participants.map((q) => [q.name, q.labels, q.calibrated])).toEqual([
        ['Ann', records.length, 2],
        ['Bob', 0, 0],
      ]);
    } finally {
      provider?.destroy();
      await s.room.close();
    }
  });

  it('--calibration 0 turns it off: the join carries no pairs and the summary K = 0', async () => {
    const dir = join(tmp.dir, 'off');
    const s = await start(dir, 0);
    try {
      expect((await joinAs(s.base, s.room.room.code, 'Ann')).calibration).toEqual([]);
      expect((await summary(s.base, s.room.room.facilitatorToken)).calibration).toBe(0);
    } finally {
      await s.room.close();
    }
  });

  it('a room.json from before calibration sets opens with none', async () => {
    const dir = join(tmp.dir, 'old');
    RoomState.open(dir, demo, false, 2);
    const file = roomJson(dir);
    delete file.calibration;
    writeFileSync(join(dir, 'room.json'), JSON.stringify(file));
    const s = await start(dir, 5);
    try {
      expect(s.room.room.calibration).toEqual([]);
      expect((await joinAs(s.base, s.room.room.code, 'Ann')).calibration).toEqual([]);
    } finally {
      await s.room.close();
    }
  });

  it('refuses a calibration the dataset cannot fill or past the cap, writing nothing', async () => {
    const tiny = {
      ...demo,
      prompts: demo.prompts.slice(0, 1),
      responses: demo.responses.filter((r) => r.promptId === demo.prompts[0].id),
    };
    const dir = join(tmp.dir, 'refused');
    expect(() => RoomState.open(dir, tiny, false, 7)).toThrow(
      '--calibration 7: the dataset has 6 pairs, fewer than the 7 asked for (dataset "demo"); pass a smaller --calibration or 0',
    );
    expect(existsSync(join(dir, 'room.json'))).toBe(false);
    expect(existsSync(join(dir, 'dataset.json'))).toBe(false);

    mkdirSync(join(tmp.dir, 'cli'), { recursive: true });
    const cliDir = join(tmp.dir, 'cli', 'room');
    const big = await cli('room', '--no-build', '--data', cliDir, '--port', '0', '--calibration', '101');
    expect(big.code).not.toBe(0);
    expect(big.err.join('\n')).toContain('--calibration must be at most 100, got "101"');
    const neg = await cli('room', '--no-build', '--data', cliDir, '--port', '0', '--calibration', '-1');
    expect(neg.err.join('\n')).toContain('--calibration must be an integer >= 0, got "-1"');
    expect(existsSync(join(cliDir, 'room.json'))).toBe(false);
  });
});

describe('the dashboard line', () => {
  const render = (summary: RoomSummary) =>
    renderToStaticMarkup(createElement(DashboardParticipants, { summary, updatedAt: null }))
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');

  it('says how many finished the calibration set, and k of K each', () => {
    const text = render({
      participants: [
        { name: 'Ann', labels: 12, calibrated: 4 },
        { name: 'Bob', labels: 2, calibrated: 2 },
      ],
      labels: 14,
      calibration: 4,
    });
    expect(text).toContain('Calibration set: 1 of 2 finished all 4 shared pairs');
    expect(text).toContain('Ann 12 4 of 4');
    expect(text).toContain('Bob 2 2 of 4');
  });

  it('says nothing of calibration in a room without one', () => {
    const text = render({ participants: [{ name: 'Ann', labels: 3 }], labels: 3, calibration: 0 });
    expect(text).not.toContain('Calibration');
  });
});
