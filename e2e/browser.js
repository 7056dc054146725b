// Shared set-up for the browser tests: Debian's Chromium, headless, driven by playwright-core.
import { chromium } from 'playwright-core';

/** The server under test, started by scripts/test in demo mode. */
export function baseUrl() {
  const url = process.env.PENCERE_E2E_URL;
  if (!url) {
    throw new Error('PENCERE_E2E_URL is not set: run the browser tests through scripts/test, which starts the server');
  }
  return url.replace(/\/$/, '');
}

/** Launches Chromium with the flags this sandbox needs (no network beyond loopback). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
