// Benchmarks (not tests): run in the system Chromium against the production build; they print figures.
import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/chromium';

const PORT = Number(process.env.BENCH_PORT ?? 3200);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.bench.ts',
  timeout: 600_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    headless: true,
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${PORT}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    cwd: '../..',
  },
});
