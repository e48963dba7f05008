// The facilitator's dashboard (/room) against a real room server (`goodhart room --json`, on 127.0.0.1
// only): two participants join over the API and write labels through Node y-websocket clients; the
// dashboard shows them live with their counts, α with its n ("too few shared pairs" below 10), a hostile
// name as text, and a clear message for a missing or refused token. Screenshots at 1440 and 1280×720.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import QRCode from 'qrcode';
import * as Y from 'yjs';
import { LABELS_MAP, type JoinResponse } from '../../lib/core/room/protocol';
import type { Comparison, DatasetFile } from '../../lib/core/types';
import { startRoomProcess, type RoomProcess } from './room-process';
import { nodeProvider } from '../unit/room-fixture';

const PORT = 3347;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const HOSTILE = '<img src=x onerror=alert(1)>';
const demo = JSON.parse(readFileSync('public/demo/goodhart-demo.json', 'utf8')) as DatasetFile;

/** Where screenshots go: ROOM_SHOTS if set (to look at them), else the test's output folder. */
const shot = (name: string) => joinPath(process.env.ROOM_SHOTS ?? test.info().outputPath(), name);

let room: RoomProcess;

async function join(name: string): Promise<JoinResponse> {
  const res = await fetch(`${ORIGIN}/api/room/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: room.code, name }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as JoinResponse;
}

/** Labels of `who` on demo prompts from..from+count (a right and a wrong answer each), `outcome(i)` each. */
function labels(
  who: JoinResponse,
  from: number,
  count: number,
  outcome: (i: number) => 'a' | 'b',
): Comparison[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const prompt = demo.prompts[i];
    const own = demo.responses.filter((r) => r.promptId === prompt.id);
    // One correct and one incorrect answer, so every label counts against gold.
    const a = own.find((r) => r.correct === true)!;
    const b = own.find((r) => r.correct === false)!;
    return {
      id: `${who.participantId}-l${i}`,
      datasetId: who.datasetId,
      promptId: prompt.id,
      aId: a.id,
      bId: b.id,
      outcome: outcome(i),
      annotatorId: who.participantId,
      createdAt: Date.now(),
      durationMs: 1500,
    };
  });
}

/** Writes `records` into the participant's own document through a Node y-websocket client. */
async function write(who: JoinResponse, records: Comparison[]): Promise<void> {
  const doc = new Y.Doc();
  const provider = nodeProvider(PORT, who, doc);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sync in 10 s')), 10_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const map = doc.getMap(LABELS_MAP);
    doc.transact(() => {
      for (const r of records) map.set(r.id, r);
    });
    await expect
      .poll(
        async () => {
          const res = await fetch(`${ORIGIN}/api/room/summary`, {
            headers: { Authorization: `Bearer ${room.token}` },
          });
          const s = (await res.json()) as { participants: { name: string; labels: number }[] };
          return s.participants.find((p) => p.name === who.name)?.labels;
        },
        { timeout: 10_000 },
      )
      .toBe(map.size);
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

test.beforeAll(async () => {
  room = await startRoomProcess(PORT, 'room-dash');
});

test.afterAll(async () => {
  await room?.stop();
});

function watchForScript(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

test('the dashboard shows the room live: counts, α with its n, a hostile name as text; exports', async ({
  page,
}) => {
  const dialogs = watchForScript(page);
  const ada = await join('Ada');
  const hostile = await join(HOSTILE);
  expect(hostile.name).toBe(HOSTILE);

  // The facilitator link as printed, on 127.0.0.1; the token leaves the address bar.
  await page.goto(`${ORIGIN}/room${new URL(room.facilitator).hash}`);
  await expect(page.getByRole('heading', { name: 'Room dashboard' })).toBeVisible();
  await expect(page.getByTestId('room-total')).toContainText('0 labels from 2 people');
  expect(page.url()).toBe(`${ORIGIN}/room`);

  // The join code in large type and a QR code per join link, the last one localhost's; each QR is the
  // qrcode package's drawing of exactly that link.
  await expect(page.getByTestId('room-join-code')).toHaveText(room.code);
  const qrs = page.getByTestId('room-join-qr');
  expect(await qrs.count()).toBeGreaterThanOrEqual(1);
  const localLink = `http://localhost:${PORT}/join?code=${room.code}`;
  const localQr = page.getByRole('img', { name: `QR code for ${localLink}` });
  await expect(localQr).toBeVisible();
  const svg = await QRCode.toString(localLink, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  await expect(localQr).toHaveAttribute('src', `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
  const box = await localQr.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(300);
  expect(await localQr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // Three shared pairs, one disagreement; Ada picks the left one on three more of her own.
  await write(
    ada,
    labels(ada, 0, 6, () => 'a'),
  );
  await write(
    hostile,
    labels(hostile, 0, 3, (i) => (i === 0 ? 'b' : 'a')),
  );
  const people = page.getByTestId('room-participants');
  await expect(page.getByTestId('room-total')).toContainText('9 labels from 2 people');
  await expect(people.getByRole('row', { name: /Ada/ })).toContainText('6');
  await expect(page.getByTestId('dashboard-alpha')).toHaveText('α = too few shared pairs (n = 3)');

  // The hostile name is text in every table, and nothing ran.
  for (const id of ['room-participants', 'room-bias', 'room-wrong']) {
    await expect(page.getByTestId(id).locator('bdi', { hasText: HOSTILE })).toHaveCount(1);
    await expect(page.getByTestId(id).locator('img')).toHaveCount(0);
  }
  await expect(page.getByTestId('room-bias').getByRole('row', { name: /Ada/ })).toContainText('100%');

  // Seven more shared pairs make ten: α is a number, with its n.
  await write(
    hostile,
    labels(hostile, 3, 7, (i) => (i % 3 === 0 ? 'b' : 'a')),
  );
  await write(
    ada,
    labels(ada, 6, 4, (i) => (i % 2 === 0 ? 'b' : 'a')),
  );
  await expect(page.getByTestId('room-total')).toContainText('20 labels from 2 people');
  await expect(page.getByTestId('dashboard-alpha')).toHaveText(/^α = -?\d\.\d\d \(n = 10\)$/);

  // A reload keeps the token (sessionStorage), though it left the address bar.
  await page.reload();
  await expect(page.getByTestId('room-total')).toContainText('20 labels from 2 people');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: shot('room-dashboard-1440.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: shot('room-dashboard-1280x720.png') });

  // Exports through the facilitator endpoint.
  const trl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export TRL JSONL' }).click();
  const trlFile = await trl;
  expect(trlFile.suggestedFilename()).toBe('goodhart-room-trl.jsonl');
  const rows = readFileSync((await trlFile.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(rows).toHaveLength(20);
  expect(Object.keys(JSON.parse(rows[0]))).toEqual(expect.arrayContaining(['prompt', 'chosen', 'rejected']));
  const session = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the room (session bundle)' }).click();
  const bundle = JSON.parse(readFileSync((await (await session).path())!, 'utf8')) as {
    format: string;
    comparisons: unknown[];
  };
  expect(bundle.format).toBe('goodhart-session');
  expect(bundle.comparisons).toHaveLength(20);

  // The room's model beside the careful fact-checker's on the same pairs, trained in the worker.
  await page.getByRole('button', { name: "Train the room's model" }).click();
  await expect(page.getByTestId('room-train-status')).toContainText('Trained on 20 labels', {
    timeout: 60_000,
  });
  for (const side of ['room-model', 'careful-model']) {
    await expect(page.getByTestId(side).getByTestId('wrong-preferred')).toContainText('%');
    await expect(page.getByTestId(side).getByTestId('best-of-n')).toContainText('→');
  }
  await expect(page.getByTestId('room-model')).toContainText('The room (20 labels)');
  await page.getByTestId('room-model').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('room-dashboard-model-1280x720.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: shot('room-dashboard-model-1440.png'), fullPage: true });
  expect(dialogs).toEqual([]);
});

test('a missing or refused token says what to open, never a blank page', async ({ page }) => {
  const alert = page.getByTestId('room-dashboard').getByRole('alert');
  await page.goto(`${ORIGIN}/room`);
  await expect(alert).toContainText('No facilitator token.');
  await expect(alert).toContainText('#token=');

  await page.goto(`${ORIGIN}/room#token=not-the-token`);
  await expect(alert).toContainText('refused this facilitator token (401)');
  expect(page.url()).toBe(`${ORIGIN}/room`);
  // The refused token is not kept: a reload asks for the link again.
  await page.reload();
  await expect(alert).toContainText('No facilitator token.');
  await page.screenshot({ path: shot('room-dashboard-401.png') });
  // The right link opened over the page (only the fragment changes) shows the room.
  await page.goto(`${ORIGIN}/room${new URL(room.facilitator).hash}`);
  await expect(page.getByTestId('room-total')).toContainText(/\d+ labels from \d+ (people|person)/);
  await expect(alert).toHaveCount(0);
});
