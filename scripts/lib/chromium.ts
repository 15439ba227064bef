import { existsSync } from 'node:fs';

/**
 * The Chromium to drive: $CHROME_PATH, else /usr/bin/chromium. Throws an Error whose message says how to
 * install one when neither exists (nothing here downloads a browser).
 */
export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(
    'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium fonts-wqy-microhei`) ' +
      'or set CHROME_PATH to a Chromium or Chrome for Testing binary.',
  );
}

/** Flags every run here needs: a closed network, no first-run UI, no background traffic. */
export const QUIET_FLAGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-gpu',
];
