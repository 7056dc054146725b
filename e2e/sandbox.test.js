// The test environment's login as any person of the sandbox registries, and as a sandbox
// company's representative, in a real browser: the person and company come from the registries
// through EHİS, and the account, e-cabinet and organization are created on the first login.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, seriousViolations } from './browser.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The example persons and companies the login page lists: [{ id, name }]. */
async function examples(page, selector) {
  return page.$$eval(`${selector} li`, (items) => items.map((item) => ({
    id: item.querySelector('code').textContent.trim(),
    name: item.textContent.replace(item.querySelector('code').textContent, '').trim(),
  })));
}

test('a sandbox person logs in by FİN and gets an e-cabinet that shows the registry read', async () => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/login`);
  assert.ok(await page.isVisible('#sandbox-login'), 'the demo offers the sandbox login');
  assert.deepEqual(await seriousViolations(page), []);
  const persons = await examples(page, '#sandbox-persons');
  assert.ok(persons.length >= 2, 'some sandbox persons are listed');
  const person = persons[0];

  // A malformed FİN is named on its field, and the value stays.
  await page.fill('#sandbox-fin', '12');
  await page.click('#sandbox-submit');
  assert.match(await page.textContent('#sandbox-fin-error'), /A FİN has 7 characters/);
  assert.equal(await page.inputValue('#sandbox-fin'), '12');
  assert.deepEqual(await seriousViolations(page), []);

  await page.fill('#sandbox-fin', person.id.toLowerCase());
  await page.click('#sandbox-submit');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  assert.equal(await page.textContent('#profile-name'), person.name);
  assert.match(await page.textContent('#registry-reads'), /login sandbox/, 'the data tracker shows the read');
  await context.close();
});

test('a sandbox company is logged in for as its representative, with its consent to the tax read', async () => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/login`);
  const persons = await examples(page, '#sandbox-persons');
  const companies = await examples(page, '#sandbox-companies');
  assert.ok(companies.length >= 1, 'some sandbox companies are listed');
  const [person, company] = [persons[1], companies[0]];

  await page.fill('#sandbox-fin', person.id);
  await page.fill('#sandbox-voen', company.id);
  await page.click('#sandbox-submit');
  assert.match(await page.textContent('#sandbox-consent-error'), /only with its consent/);
  await page.check('#sandbox-consent');
  await page.click('#sandbox-submit');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  assert.equal(await page.textContent('#profile-name'), person.name);
  const organizations = await page.textContent('section[aria-labelledby="organizations-heading"]');
  assert.ok(organizations.includes(company.name), organizations);
  assert.ok(await page.isChecked('input[name="organization"]'), 'the session acts for the company');
  await context.close();
});
