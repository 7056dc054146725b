// The home page and the system pages in a real browser: languages, accessibility, small screens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { baseUrl, launch } from './browser.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// clause: MIG-4.2
test('the home page opens in Azerbaijani and switches to English, and the choice is remembered', async () => {
  const context = await browser.newContext({ locale: 'az-AZ' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'az');
  const azHeading = await page.textContent('h1');
  assert.match(azHeading, /bir pəncərə/);

  await page.click('nav.languages a[hreflang="en"]');
  await page.waitForURL(`${baseUrl()}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const enHeading = await page.textContent('h1');
  assert.notEqual(enHeading, azHeading);
  assert.match(enHeading, /One window/);

  // The cookie carries the choice to the next page.
  await page.click('a[href="/systems/lic"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('h1'), /Licences and Permits/);
  await context.close();
});

// clause: MIG-4.2
test('a first visit honours the browser language', async () => {
  const context = await browser.newContext({ locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  assert.match(await page.textContent('h1'), /Одно окно/);
  await context.close();
});

test('no serious or critical accessibility violations on the home and system pages, in every language', async () => {
  for (const locale of ['az', 'en', 'ru']) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    for (const path of ['/', '/systems/lic', '/systems/veis', '/no-such-page']) {
      await page.goto(`${baseUrl()}${path}`);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        [],
        `${locale} ${path}`,
      );
    }
    await context.close();
  }
});

// clause: TOB-2.2, VEIS-2.2, KOB-3.4.3, MIG-3.5
test('on a 360 px wide phone nothing scrolls sideways and the test-environment banner shows', async () => {
  const context = await browser.newContext({ locale: 'az', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  for (const path of ['/', '/systems/lic', '/systems/tob', '/problems/validation']) {
    await page.goto(`${baseUrl()}${path}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path} is ${width} px wide`);
    assert.ok(await page.isVisible('.test-banner'), `${path} shows the test-environment banner`);
    assert.ok(await page.isVisible('nav.languages a[hreflang="ru"]'), `${path} keeps the language switcher`);
  }
  await context.close();
});

test('the keyboard reaches the skip link first and it moves focus to the main content', async () => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.ok(await page.isVisible('.skip-link'), 'the focused skip link becomes visible');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await context.close();
});
