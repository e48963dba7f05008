// `GET /api/room/links` (cli/room/server.ts, in-process on port 0): the facilitator's dashboard learns the
// join link for each address the room is served at, and the join code, for its QR codes; nobody else does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../cli/commands/simulate';
import { createRoomServer, type RoomServer } from '../../cli/room/server';
import { joinUrl, roomLinksSchema } from '../../lib/core/room/protocol';
import { tempFolder } from './cli-harness';

const tmp = tempFolder('room-links');
const demo = loadDataset('demo', () => {}).dataset;

describe('GET /api/room/links', () => {
  let room: RoomServer;
  let base: string;
  let seenPort = -1;

  beforeAll(async () => {
    const out = join(tmp.dir, 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'index.html'), '<p>app</p>');
    room = createRoomServer({
      dataDir: join(tmp.dir, 'room'),
      dataset: demo,
      outDir: out,
      log: () => {},
      origins: (port) => {
        seenPort = port;
        return [`http://192.168.1.5:${port}`, `http://localhost:${port}`];
      },
    });
    const port = await room.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await room?.close();
  });

  it('answers the facilitator the join link of every origin, in order, and the code', async () => {
    const res = await fetch(`${base}/api/room/links`, {
      headers: { Authorization: `Bearer ${room.room.facilitatorToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = roomLinksSchema.parse(await res.json());
    const port = Number(new URL(base).port);
    expect(seenPort).toBe(port);
    expect(body).toEqual({
      join: [
        joinUrl(`http://192.168.1.5:${port}`, room.room.code),
        joinUrl(`http://localhost:${port}`, room.room.code),
      ],
      code: room.room.code,
    });
    expect(body.join[0]).toBe(`http://192.168.1.5:${port}/join?code=${room.room.code}`);
  });

  it('refuses without the facilitator token, or with a participant token, and changes nothing', async () => {
    const before = JSON.stringify(room.room.participants);
    const joined = await fetch(`${base}/api/room/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: room.room.code, name: 'Ada' }),
    });
    const participant = ((await joined.json()) as { token: string }).token;
    const afterJoin = JSON.stringify(room.room.participants);
    expect(afterJoin).not.toBe(before);
    const refused: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Bearer ${participant}` },
    ];
    for (const headers of refused) {
      const res = await fetch(`${base}/api/room/links`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: 'unauthorized',
        message: 'this needs the facilitator token',
      });
    }
    expect(JSON.stringify(room.room.participants)).toBe(afterJoin);
  });

  it('defaults to localhost on the bound port when no origins are given', async () => {
    const bare = createRoomServer({
      dataDir: join(tmp.dir, 'bare'),
      dataset: demo,
      outDir: null,
      log: () => {},
    });
    try {
      const port = await bare.listen(0, '127.0.0.1');
      const res = await fetch(`http://127.0.0.1:${port}/api/room/links`, {
        headers: { Authorization: `Bearer ${bare.room.facilitatorToken}` },
      });
      expect(await res.json()).toEqual({
        join: [`http://localhost:${port}/join?code=${bare.room.code}`],
        code: bare.room.code,
      });
    } finally {
      await bare.close();
    }
  });
});
