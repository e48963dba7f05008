// Finds the system Chromium for Playwright: CHROME_PATH, else /usr/bin/chromium. Never downloads a browser.
import { existsSync } from 'node:fs';

export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => Boolean(p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    console.error(
      'No Chromium found: install one (Debian: `apt-get install -y chromium`) or set CHROME_PATH=/path/to/chrome.',
    );
    process.exit(1);
  }
  return found;
}

/** Flags that keep Chromium quiet offline (no background networking, no component updates). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
];
