// The workshop room from the participants' side: a real room server (`goodhart room --json`, on 127.0.0.1
// only), browsers joining through /join and labeling by keyboard, one of them offline for a while; the
// facilitator's summary counts every label exactly once. Two people named Sam stay two; a hostile name
// runs nothing.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { pressAndWaitForNextPair } from './helpers';
import { startRoomProcess, type RoomProcess } from './room-process';
import { roomSummarySchema, type RoomSummary } from '../../lib/core/room/protocol';

const PORT = 3361;
const ORIGIN = `http://127.0.0.1:${PORT}`;

let room: RoomProcess;

async function summary(): Promise<RoomSummary> {
  const res = await fetch(`${ORIGIN}/api/room/summary`, {
    headers: { Authorization: `Bearer ${room.token}` },
  });
  expect(res.status).toBe(200);
  return roomSummarySchema.parse(await res.json());
}

const labelsOf = (s: RoomSummary) => Object.fromEntries(s.participants.map((p) => [p.name, p.labels]));

interface Person {
  context: BrowserContext;
  page: Page;
  /** Dialogs the page opened (a script run from someone's name would open one). */
  dialogs: string[];
  /** Requests to anything but the room server. */
  elsewhere: string[];
}

/** A fresh browser context on the room's origin, recording dialogs and requests that leave the room. */
async function participant(browser: Browser): Promise<Person> {
  const context = await browser.newContext({ baseURL: ORIGIN });
  const page = await context.newPage();
  const person: Person = { context, page, dialogs: [], elsewhere: [] };
  page.on('dialog', (d) => {
    person.dialogs.push(d.message());
    void d.dismiss();
  });
  context.on('request', (r) => {
    if (!r.url().startsWith(`${ORIGIN}/`) && !/^(data|blob|about):/.test(r.url()))
      person.elsewhere.push(r.url());
  });
  return person;
}

/** Nothing ran from a name and nothing left the room; closes the context. */
async function done(p: Person): Promise<void> {
  expect(p.dialogs).toEqual([]);
  expect(p.elsewhere).toEqual([]);
  await p.context.close();
}

/** Join as `name` and wait for the labeling page with the room connected. */
async function join(page: Page, name: string): Promise<void> {
  await page.goto(`/join?code=${room.code}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page).toHaveURL(/\/label\/?$/);
  await expect(page.getByTestId('pair')).toBeVisible();
  await expect(page.getByTestId('room-status')).toHaveText('Room: connected');
}

test.beforeEach(async () => {
  room = await startRoomProcess(PORT);
});

test.afterEach(async () => {
  await room.stop();
});

test('five participants label live; one offline for a while; the summary counts every label once', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const names = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli'];
  const people = [];
  for (const name of names) {
    const p = await participant(browser);
    await join(p.page, name);
    people.push(p);
  }
  for (const [i, p] of people.entries())
    for (const key of ['1', '2', i % 2 ? 'ArrowLeft' : 'Shift+2']) await pressAndWaitForNextPair(p.page, key);
  await expect.poll(async () => (await summary()).labels).toBe(15);

  // Eli loses the network and goes on labeling: the labels wait in IndexedDB.
  const eli = people[4];
  await eli.context.setOffline(true);
  await expect(eli.page.getByTestId('room-status')).toHaveText('Room: offline — 0 labels waiting');
  for (const key of ['1', '2', 't']) await pressAndWaitForNextPair(eli.page, key);
  await expect(eli.page.getByTestId('room-status')).toHaveText('Room: offline — 3 labels waiting');
  // An undo while offline: that label never reaches the room.
  await eli.page.keyboard.press('u');
  await expect(eli.page.getByTestId('room-status')).toHaveText('Room: offline — 2 labels waiting');
  expect((await summary()).labels).toBe(15);

  await eli.context.setOffline(false);
  await expect(eli.page.getByTestId('room-status')).toHaveText('Room: connected');
  await expect.poll(async () => (await summary()).labels).toBe(17);

  // A reload keeps the identity and the progress, and sends nothing twice.
  await eli.page.reload();
  await expect(eli.page.getByTestId('room-status')).toHaveText('Room: connected');
  await expect(eli.page.getByTestId('progress')).toContainText('5 labeled');
  const s = await summary();
  expect(s.labels).toBe(17);
  expect(labelsOf(s)).toEqual({ Ada: 3, Ben: 3, Cleo: 3, Dev: 3, Eli: 5 });
  for (const p of people) await done(p);
});

test('two people named Sam stay two: the second is offered "Sam (2)"', async ({ browser }) => {
  const first = await participant(browser);
  await join(first.page, 'Sam');
  const second = await participant(browser);
  await second.page.goto(`/join?code=${room.code}`);
  await second.page.getByLabel('Your name').fill('Sam');
  await second.page.getByRole('button', { name: 'Join', exact: true }).click();
  // The room's own message (it names the name and the free one), with the free name one click away.
  await expect(second.page.getByRole('alert').filter({ hasText: 'taken' })).toContainText('"Sam (2)"');
  await second.page.getByRole('button', { name: 'Join as Sam (2)' }).click();
  await expect(second.page).toHaveURL(/\/label\/?$/);
  await expect(second.page.getByTestId('room-status')).toHaveText('Room: connected');
  await pressAndWaitForNextPair(second.page, '1');
  await pressAndWaitForNextPair(first.page, '2');
  await pressAndWaitForNextPair(first.page, '1');
  await expect.poll(async () => labelsOf(await summary())).toEqual({ Sam: 2, 'Sam (2)': 1 });
  await done(first);
  await done(second);
});

test('a name made of HTML runs nothing, on the participant’s page or the dashboard', async ({ browser }) => {
  const name = '<img src=x onerror=alert(1)>';
  const p = await participant(browser);
  await join(p.page, name);
  await pressAndWaitForNextPair(p.page, '1');
  await p.page.goto('/join');
  await expect(p.page.getByText(name, { exact: true })).toBeVisible();
  expect(await p.page.locator('img[src="x"]').count()).toBe(0);
  await expect.poll(async () => labelsOf(await summary())).toEqual({ [name]: 1 });

  const facilitator = await participant(browser);
  await facilitator.page.goto(`/room#token=${encodeURIComponent(room.token)}`);
  await expect(facilitator.page.getByText(name, { exact: true }).first()).toBeVisible();
  expect(await facilitator.page.locator('img[src="x"]').count()).toBe(0);
  await done(p);
  await done(facilitator);
});
