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

/** The demo accounts' password. */
export const PASSWORD = 'pencere-demo';

/** A new English-speaking browser context logged in as `login`, on its cabinet. */
export async function loggedIn(browser, login) {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/login`);
  await page.fill('#login', login);
  await page.fill('#password', PASSWORD);
  await page.click('form.form button[type="submit"]');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  return { context, page };
}

/** The page's serious and critical accessibility violations, as axe finds them. */
export async function seriousViolations(page) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Reloads `path` until the text of `selector` contains `text` (work done in the background). */
export async function eventually(page, path, text, selector = 'main') {
  for (let i = 0; i < 40; i += 1) {
    await page.goto(`${baseUrl()}${path}`);
    if ((await page.textContent(selector)).includes(text)) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`${path} never showed ${text} in ${selector}`);
}
