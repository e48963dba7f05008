// A participant's private "your biases" view (/room/me) against a real room server (`goodhart room
// --json`, on 127.0.0.1 only): join through /join, label twelve pairs by keyboard, always picking the
// left answer, follow the header's "Your biases" link, and see the four shares and self-consistency,
// each with its n (or "too few" below the threshold), computed from this browser's own labels.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { expect, test } from './fixtures';
import { pressAndWaitForNextPair } from './helpers';

const PORT = 3363;
const ORIGIN = `http://127.0.0.1:${PORT}`;

let child: ChildProcess;
let dir: string;
let code: string;

test.beforeAll(async () => {
  dir = mkdtempSync(joinPath(tmpdir(), 'goodhart-room-biases-'));
  child = spawn(
    process.execPath,
    ['bin/goodhart.mjs', 'room', '--json', '--no-build', '--port', String(PORT), '--data', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the room did not start in 30 s: ${err}`)), 30_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    child.once('exit', (status) => {
      clearTimeout(timer);
      reject(new Error(`the room exited (${status}): ${err}`));
    });
  });
  code = (JSON.parse(first) as { code: string }).code;
});

test.afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
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
  await page.goto(`/join?code=${code}`);
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
