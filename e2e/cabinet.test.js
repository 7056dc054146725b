// Correcting "my data", and an organization's head granting a role, in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch } from './browser.js';

const PASSWORD = 'pencere-demo';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function loggedIn(login) {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/login`);
  await page.fill('#login', login);
  await page.fill('#password', PASSWORD);
  await page.click('form.form button[type="submit"]');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  return { context, page };
}

// clause: MIG-7.1.2, KOB-7.1.11, TOB-6.1.11, VEIS-6.1.11
test('a person asks to correct their data and the operator approves it', async () => {
  const citizen = await loggedIn('citizen');
  await citizen.page.click('a[href="/cabinet/data"]');
  await citizen.page.selectOption('#field', 'phone');
  await citizen.page.fill('#value', 'not a phone');
  await citizen.page.click('form[action="/cabinet/data/corrections"] button');
  assert.match(await citizen.page.textContent('#value-error'), /valid value/);
  assert.match(await citizen.page.textContent('#explanation-error'), /why the data is wrong/);

  // A fresh number each run, so the test also passes against a demo that already ran it.
  const phone = `+994 50 ${String(100 + Math.floor(Math.random() * 900))} ${String(10 + Math.floor(Math.random() * 90))} ${String(10 + Math.floor(Math.random() * 90))}`;
  await citizen.page.fill('#value', phone);
  await citizen.page.fill('#explanation', 'My number changed');
  await citizen.page.click('form[action="/cabinet/data/corrections"] button');
  await citizen.page.waitForURL(/\/cabinet\/data\?sent=1$/);
  assert.match(await citizen.page.textContent('#my-corrections'), /waiting for a decision/);

  const operator = await loggedIn('operator');
  await operator.page.goto(`${baseUrl()}/admin/corrections`);
  const card = operator.page.locator('article', { hasText: 'Vüqar Səfərov' });
  await card.locator('button[value="approve"]').click();
  await operator.page.waitForURL(`${baseUrl()}/admin/corrections`);

  await citizen.page.goto(`${baseUrl()}/cabinet/data`);
  assert.match(await citizen.page.textContent('#my-corrections'), /approved/);
  assert.ok((await citizen.page.textContent('main')).includes(phone));
  await citizen.context.close();
  await operator.context.close();
});

// clause: TOB-5.3, VEIS-5.2
test('the head of an organization grants a role to a registered person, who can then use it', async () => {
  const head = await loggedIn('lic-head');
  await head.page.click('a[href="/org/members"]');
  await head.page.fill('#login', 'citizen');
  await head.page.selectOption('#role', 'lic.reviewer');
  await head.page.click('form[action="/org/members/grant"] button');
  await head.page.waitForURL(`${baseUrl()}/org/members`);
  assert.match(await head.page.textContent('#members'), /Vüqar Səfərov/);

  const citizen = await loggedIn('citizen');
  assert.match(await citizen.page.textContent('main'), /Ministry of Economy/);
  await citizen.context.close();

  // Revoking needs a reason; with one, the role is gone.
  const row = head.page.locator('#members tr', { hasText: 'Vüqar Səfərov' });
  await row.locator('button').click();
  assert.match(await head.page.textContent('[role="alert"]'), /needs a reason/);
  await head.page.locator('#members tr', { hasText: 'Vüqar Səfərov' }).locator('input[name="reason"]').fill('Moved to another department');
  await head.page.locator('#members tr', { hasText: 'Vüqar Səfərov' }).locator('button').click();
  await head.page.waitForURL(`${baseUrl()}/org/members`);
  assert.doesNotMatch(await head.page.textContent('#members'), /Vüqar Səfərov/);
  await head.context.close();
});

test('the logged-in pages have no serious or critical accessibility violations', async () => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  for (const [login, paths] of [
    ['operator', ['/cabinet', '/cabinet/data', '/cabinet/security', '/admin/audit?person=applicant', '/admin/members?org=economy', '/admin/corrections']],
    ['lic-head', ['/org/members']],
  ]) {
    const { context, page } = await loggedIn(login);
    for (const path of paths) {
      await page.goto(`${baseUrl()}${path}`);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], path);
    }
    await context.close();
  }
});
