// Applying for a licence in a real browser: the form, a draft, a document, submission, the
// registration number, the notices in the cabinet, by e-mail and by SMS, and the official's side.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, eventually, launch, loggedIn as logIn, seriousViolations } from './browser.js';
import { signOnPhone } from './lic.js';

let browser;
const loggedIn = (login) => logIn(browser, login);
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// clause: LIC-4.2, LIC-4.3, LIC-4.4, LIC-2.0.1, LIC-2.0.4, LIC-5.6
test('an entrepreneur applies, is registered at once and notified in the cabinet, by e-mail and by SMS', async () => {
  const { context, page } = await loggedIn('applicant');
  await page.goto(`${baseUrl()}/systems/lic`);
  await page.click('#services a[href="/services/lic.fire-protection"]');
  assert.match(await page.textContent('#rules'), /10 working days/);
  assert.match(await page.textContent('#rules'), /14\.1/);
  assert.deepEqual(await seriousViolations(page), []);
  await page.click('#apply');

  // Prefilled from the cabinet (LIC-4.2); an empty required field and the missing document are named.
  assert.equal(await page.inputValue('#f-applicant_name'), 'Rəşad Məmmədov');
  assert.equal(await page.inputValue('#f-voen'), '1400551291');
  await page.click('#submit');
  assert.match(await page.textContent('#problems'), /Address where the activity is carried out: This field is required\./);
  assert.match(await page.textContent('#problems'), /Attach this document\./);
  assert.equal(await page.getAttribute('#f-activity_address', 'aria-invalid'), 'true');
  assert.deepEqual(await seriousViolations(page), []);

  await page.fill('#f-activity_address', 'Bakı, Nizami küçəsi 10');
  await page.selectOption('#f-activity_scope', 'sale');
  await page.click('#save');
  await page.waitForURL(/saved=1/);
  await page.setInputFiles('#file-ownership', { name: 'icarə müqaviləsi.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 lease') });
  await page.click('form:has(#file-ownership) button');
  await page.waitForSelector('#doc-ownership');
  assert.match(await page.textContent('#doc-ownership'), /icar/);
  await page.click('#submit');
  await page.waitForURL(/\/cabinet\/cases\/.+\?registered=1$/);

  const number = (await page.textContent('#case-number')).trim();
  assert.match(number, /^LIC-\d{4}-\d{6}$/);
  assert.match(await page.textContent('#registered'), /registered/);
  assert.match(await page.textContent('#deadlines'), /\d{4}-\d{2}-\d{2}/);
  assert.match(await page.textContent('#timeline'), new RegExp(`Registered as ${number}`));
  assert.deepEqual(await seriousViolations(page), []);

  await eventually(page, '/cabinet/inbox', `Application ${number} registered`);
  await eventually(page, '/test/mailbox', `Application ${number} registered`);
  await eventually(page, '/test/sms', `Application ${number} registered`);
  await context.close();

  // The official sees it in the ministry's queue and sends a notice of deficiencies.
  const reviewer = await loggedIn('lic-reviewer');
  await reviewer.page.goto(`${baseUrl()}/work`);
  await reviewer.page.click(`#queue a:text("${number}")`);
  assert.match(await reviewer.page.textContent('main'), /Rəşad Məmmədov/);
  await reviewer.page.fill('#reason-request_fixes', 'The lease is not signed by the owner.');
  await reviewer.page.click('#act-request_fixes');
  await reviewer.page.waitForSelector('#case-state');
  assert.match(await reviewer.page.textContent('#case-state'), /Deficiencies to remove/);
  assert.deepEqual(await seriousViolations(reviewer.page), []);
  await reviewer.context.close();

  const again = await loggedIn('applicant');
  await eventually(again.page, '/cabinet/inbox', 'The lease is not signed by the owner.');
  await again.page.goto(`${baseUrl()}/cabinet/cases`);
  await again.page.click(`#cases a:text("${number}")`);
  await again.page.click('#act-submit_fixes');
  await again.page.waitForSelector('#signing');
  await signOnPhone(browser, again.page, 'applicant');
  assert.match(await again.page.textContent('#case-state'), /Under review/);
  const caseUrl = again.page.url();
  await again.context.close();

  // The reviewer asks the Ministry of Emergency Situations; its answer returns the case by itself.
  const reviewing = await loggedIn('lic-reviewer');
  await reviewing.page.goto(`${baseUrl()}/work`);
  await reviewing.page.click(`#queue a:text("${number}")`);
  await reviewing.page.click('#act-request_opinions');
  await reviewing.page.waitForSelector('#opinions');
  assert.match(await reviewing.page.textContent('#case-state'), /Awaiting the opinions/);
  await reviewing.context.close();

  const rescuer = await loggedIn('lic-opinion');
  await rescuer.page.goto(`${baseUrl()}/work`);
  await rescuer.page.click(`#asked a:text("${number}")`);
  await rescuer.page.click('#give-opinion');
  assert.match(await rescuer.page.textContent('#opinion-text-error'), /Write the opinion/);
  await rescuer.page.fill('#opinion-text', 'Fire exits and extinguishers comply.');
  await rescuer.page.click('#give-opinion');
  await rescuer.page.waitForSelector('#opinions');
  assert.match(await rescuer.page.textContent('#opinions'), /consent/);
  assert.deepEqual(await seriousViolations(rescuer.page), []);
  await rescuer.context.close();

  const applicantAgain = await loggedIn('applicant');
  await applicantAgain.page.goto(caseUrl);
  assert.match(await applicantAgain.page.textContent('#case-state'), /Under review/);
  assert.match(await applicantAgain.page.textContent('#opinions'), /Fire exits and extinguishers comply\./);
  await applicantAgain.context.close();
});
