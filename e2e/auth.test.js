// Logging in with a demo account, the e-cabinet, switching organizations, logging out, and the
// operator's audit journal, in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { baseUrl, launch } from './browser.js';

const PASSWORD = 'pencere-demo';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function login(page, loginName, password = PASSWORD) {
  await page.goto(`${baseUrl()}/login`);
  await page.fill('#login', loginName);
  await page.fill('#password', password);
  await page.click('form.form button[type="submit"]');
}

async function seriousViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// clause: KOB-3.6
test('a person logs in with a password, sees the e-cabinet and logs out', async () => {
  const context = await browser.newContext({ locale: 'az' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/cabinet`);
  assert.match(page.url(), /\/login\?next=\/cabinet$/);
  assert.deepEqual(await seriousViolations(page), []);

  await page.fill('#login', 'applicant');
  await page.fill('#password', PASSWORD);
  await page.click('form.form button[type="submit"]');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  assert.equal(await page.textContent('#profile-name'), 'Rəşad Məmmədov');
  assert.ok(await page.isChecked('input[name="organization"]'), 'the only organization is the one acted for');
  assert.match(await page.textContent('main'), /Xəzər Tikinti/);
  assert.match(await page.textContent('main'), /Daxil olub/, 'the login is in "what happened with my data"');
  assert.deepEqual(await seriousViolations(page), []);

  await page.click('header form[action="/logout"] button');
  await page.waitForURL(`${baseUrl()}/`);
  assert.ok(await page.isVisible('header a[href="/login"]'));
  await page.goto(`${baseUrl()}/cabinet`);
  assert.match(page.url(), /\/login/, 'the session is over');
  await context.close();
});

test('a wrong password is refused with a message that does not say which part was wrong', async () => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await login(page, 'applicant', 'not-the-password');
  assert.match(await page.textContent('[role="alert"]'), /The login or the password is wrong/);
  await login(page, 'no-such-account', 'not-the-password');
  assert.match(await page.textContent('[role="alert"]'), /The login or the password is wrong/);
  await context.close();
});

test('a representative of two companies switches the company they act for', async () => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await login(page, 'entrepreneur');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  assert.equal(await page.locator('input[name="organization"]:checked').count(), 0, 'with two, the user chooses');
  await page.check('input[name="organization"] >> nth=1');
  await page.click('form[action="/cabinet/organization"] button');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  assert.ok(await page.isChecked('input[name="organization"] >> nth=1'));
  await context.close();
});

// clause: KOB-7.1.15, TOB-3.2.4
test('the operator searches the audit journal by person', async () => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await login(page, 'operator');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  await page.goto(`${baseUrl()}/admin/audit`);
  await page.fill('#person', 'applicant');
  await page.click('form.grid-form button[type="submit"]');
  await page.waitForSelector('table tbody tr');
  const actions = await page.locator('table tbody td code').allTextContents();
  assert.ok(actions.includes('identity.user.create'), actions.join(', '));
  assert.deepEqual(await seriousViolations(page), []);

  const citizen = await browser.newContext({ locale: 'en' });
  const other = await citizen.newPage();
  await login(other, 'citizen');
  await other.waitForURL(`${baseUrl()}/cabinet`);
  const denied = await other.goto(`${baseUrl()}/admin/audit`);
  assert.equal(denied.status(), 403);
  await citizen.close();
  await context.close();
});

// clause: KOB-3.6
test('a person logs in with the mobile e-signature, confirming on the phone', async () => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/login`);
  await page.fill('#mobile-phone', '+994 50 200 00 01');
  await page.fill('#mobile-user-id', '100001');
  await page.click('form[action="/login/mobile"] button');
  const code = (await page.textContent('#verification-code')).trim();
  assert.match(code, /^\d{4}$/);
  assert.deepEqual(await seriousViolations(page), []);

  const phone = await context.newPage();
  await phone.goto(`${baseUrl()}/test/phone?phone=${encodeURIComponent('+994 50 200 00 01')}`);
  assert.match(await phone.textContent('main'), new RegExp(code), 'the phone shows the same code');
  await phone.click('button[value="confirm"]');

  await page.click('form[action="/login/mobile/complete"] button');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  assert.equal(await page.textContent('#profile-name'), 'Rəşad Məmmədov');
  await context.close();
});

// clause: TOB-5.4, VEIS-5.3
test('a person logs in through Vahid Giriş and lands in their e-cabinet', async () => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/login`);
  await page.click('#sso-link');
  await page.waitForURL(/\/test\/oidc\/authorize\?/);
  assert.deepEqual(await seriousViolations(page), []);
  await page.fill('#fin', '2HKJ4LM');
  await page.fill('#vahid-password', PASSWORD);
  await page.click('form[action="/test/oidc/authorize"] button');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  assert.equal(await page.textContent('#profile-name'), 'Aygün Əliyeva');
  await context.close();
});

// clause: MIG-4.3
test('a foreigner asks for a login link by e-mail and follows it', async () => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/login`);
  await page.fill('#link-email', 'john.smith@example.com');
  await page.click('form[action="/login/email"] button');
  assert.match(await page.textContent('#email-message'), /login link is on its way/);

  await page.goto(`${baseUrl()}/test/mailbox`);
  const text = await page.locator('.mail-text').first().textContent();
  const link = text.match(/http:\/\/\S+\/login\/email\/[0-9a-f]{64}/)[0];
  await page.goto(link);
  await page.click('form button[type="submit"]');
  await page.waitForURL(/\/cabinet$/);
  assert.equal(await page.textContent('#profile-name'), 'John Smith');
  await context.close();
});
