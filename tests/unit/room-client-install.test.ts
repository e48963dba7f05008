// Joining installs the room's dataset and the participant's annotator (components/room/joinRoom.ts
// installRoom, on fake-indexeddb with the room's answers stubbed): with the participant's token, under the
// participant's id; a refused answer or a name this browser already uses installs nothing.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoodhartDb, setDbForTests, type GoodhartDb } from '../../lib/db/db';
import { installRoom } from '../../components/room/joinRoom';
import type { RoomIdentity } from '../../lib/core/room/participant';
import type { DatasetFile } from '../../lib/core/types';

let n = 0;
let db: GoodhartDb;

const identity: RoomIdentity = {
  participantId: 'p-7',
  name: 'Sam',
  token: 'secret-7',
  datasetId: 'room-ds',
  origin: 'http://127.0.0.1:3300',
};

const file: DatasetFile = {
  format: 'goodhart-dataset',
  version: 1,
  dataset: { id: 'room-ds', name: 'Room', description: '', source: 'room', created: 1 },
  prompts: [{ id: 'rp', datasetId: 'room-ds', text: 'q', category: 'c' }],
  responses: [0, 1].map((r) => ({
    id: `rr${r}`,
    promptId: 'rp',
    datasetId: 'room-ds',
    text: `a${r}`,
    tags: [],
  })),
};

/** Stub fetch with one answer; returns the calls. */
function answer(status: number, body: unknown) {
  const calls: { url: string; init?: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return calls;
}

async function snapshot() {
  return {
    datasets: await db.datasets.toArray(),
    prompts: await db.prompts.toArray(),
    responses: await db.responses.toArray(),
    annotators: await db.annotators.toArray(),
    meta: await db.meta.toArray(),
  };
}

beforeEach(async () => {
  db = createGoodhartDb(`test-room-install-${Date.now()}-${n++}`);
  await db.open();
  setDbForTests(db);
});

afterEach(async () => {
  vi.unstubAllGlobals();
  setDbForTests(null);
  await db.delete();
});

describe('installRoom', () => {
  it('fetches the dataset with the participant token and installs it with the annotator under the participant id', async () => {
    const calls = answer(200, file);
    expect(await installRoom(identity)).toBeNull();
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/room/dataset');
    expect(new Headers(calls[0].init?.headers).get('Authorization')).toBe('Bearer secret-7');
    expect((await db.datasets.get('room-ds'))?.name).toBe('Room');
    expect(await db.responses.where('datasetId').equals('room-ds').count()).toBe(2);
    expect(await db.annotators.get('p-7')).toMatchObject({ id: 'p-7', name: 'Sam', kind: 'human' });
    // Joining again (a reload, "Continue labeling") changes nothing.
    const before = await snapshot();
    expect(await installRoom(identity)).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a name this browser already uses for someone else, installing nothing', async () => {
    await db.annotators.put({ id: 'local-sam', name: 'Sam', kind: 'human', created: 5 });
    const before = await snapshot();
    answer(200, file);
    expect(await installRoom(identity)).toBe(
      'This browser already has an annotator named "Sam" who is not you in this room; join under another name. Nothing was installed.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a dataset answer that is not the room’s dataset file, installing nothing', async () => {
    const before = await snapshot();
    answer(200, { ...file, responses: [{ id: 'x' }] });
    expect(await installRoom(identity)).toMatch(
      /^The room's dataset is not a dataset file this page reads \(responses\.0\.promptId: .*\); nothing was installed\.$/,
    );
    answer(401, { error: 'unauthorized', message: 'This token is not a participant’s.' });
    expect(await installRoom(identity)).toBe(
      'The room did not send its dataset (HTTP 401: This token is not a participant’s.); nothing was installed.',
    );
    expect(await snapshot()).toEqual(before);
  });
});
