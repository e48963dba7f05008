// A participant's private "your biases" view (/room/me) against a real room server (`goodhart room
// --json`, on 127.0.0.1 only): join through /join, label twelve pairs by keyboard, always picking the
// left answer, follow the header's "Your biases" link, and see the four shares and self-consistency,
// each with its n (or "too few" below the threshold), computed from this browser's own labels.
import { expect, test } from './fixtures';
import { pressAndWaitForNextPair } from './helpers';
import { startRoomProcess, type RoomProcess } from './room-process';

const PORT = 3363;
const ORIGIN = `http://127.0.0.1:${PORT}`;

let room: RoomProcess;

test.beforeAll(async () => {
  room = await startRoomProcess(PORT, 'room-biases');
});

test.afterAll(async () => {
  await room?.stop();
});

test('after labeling, "your biases" shows the four shares and self-consistency with their n', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: ORIGIN });
  const page = await context.newPage();
  const elsewhere: string[] = [];
  context.on('request', (r) => {
    if (!r.url().startsWith(`${ORIGIN}/`) && !/^(data|blob|about):/.test(r.url())) elsewhere.push(r.url());
  });
  await page.goto(`/join?code=${room.code}`);
  await page.getByLabel('Your name').fill('Ada');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByTestId('pair')).toBeVisible();
  await expect(page.getByTestId('room-status')).toHaveText('Room: connected');
  for (let i = 0; i < 12; i++) await pressAndWaitForNextPair(page, 'ArrowLeft');

  await page.getByTestId('room-biases-link').click();
  await expect(page).toHaveURL(/\/room\/me\/?$/);
  const view = page.getByTestId('my-biases');
  await expect(view).toContainText('Ada: 12 labels, 12 of them decisive');
  // Always left: 100%, and 12 of 12 fair flips all one way is p = 2/4096 < 0.001.
  await expect(view.getByTestId('bias-left')).toContainText('100%');
  await expect(view.getByTestId('bias-left')).toContainText('12 of 12 labels');
  await expect(view.getByTestId('bias-left')).toContainText('p < 0.001');
  // The other shares rest on the pairs where the question has an answer: a share with its n, or "too few".
  for (const id of ['longer', 'confident', 'wrong'])
    await expect(view.getByTestId(`bias-${id}`)).toContainText(
      /\d+%\s*\d+ of \d+ labels|too few labels\s*n = \d+/,
    );
  await expect(view.getByTestId('bias-consistency')).toContainText(/too few repeats|\d+ of \d+ repeats/);
  expect(elsewhere).toEqual([]);
  await context.close();
});
