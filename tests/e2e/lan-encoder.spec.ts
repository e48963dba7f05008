// The sentence encoder on a workshop LAN: the room server (`goodhart room`) serves the app over plain http
// at a name that is not localhost (`room.lan`, mapped to 127.0.0.1 by Chromium's resolver), which is not a
// secure context: no WebCrypto, no Cache API, no service worker. The encoder still checks its files
// (SHA-256 in plain JS), embeds the demo in the browser and trains, and /train says that its files will be
// downloaded again next time. Every request goes to the room server.
import { expect, test } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './chromium';
import { trainDemoHere } from './helpers';
import { startRoomProcess, type RoomProcess } from './room-process';

const PORT = 3363;
const ORIGIN = `http://room.lan:${PORT}`;

test.use({
  launchOptions: {
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP room.lan 127.0.0.1'],
  },
});

let room: RoomProcess;
test.beforeAll(async () => {
  room = await startRoomProcess(PORT, 'lan-encoder');
});
test.afterAll(async () => {
  await room?.stop();
});

test('on plain http at a LAN name, /train embeds with the encoder and says its files are not kept', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: ORIGIN });
  const elsewhere: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${ORIGIN}/`) && !/^(data|blob|about|chrome):/.test(url)) elsewhere.push(url);
  });
  // Without the demo's shipped embeddings, every response goes through the encoder.
  await context.route('**/demo/goodhart-demo.embeddings.json', (r) => r.fulfill({ status: 404 }));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/train');
  expect(await page.evaluate(() => [window.isSecureContext, typeof crypto.subtle, typeof caches])).toEqual([
    false,
    'undefined',
    'undefined',
  ]);
  await trainDemoHere(page, 'use', { embeds: true });
  await expect(page.getByTestId('training-notes')).toContainText('served over plain http');
  expect(elsewhere, 'requests that left the room server').toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
