// The tobacco importers and producers registry in a real browser: an entity applies for entry,
// the Ministry of Economy's officer reviews it, the state duty is paid by its code, the officer
// signs the act of entry on the phone, and the entry is in the unified registry of licences and
// permits at once; suspending it by a signed act changes its status there at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, eventually, launch, seriousViolations } from './browser.js';
import { act, as, inboxMessage, signOnPhone, unique } from './lic.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The public registry's status of `number`, as anyone sees it without logging in. */
async function publicStatus(number) {
  const visitor = await browser.newContext({ locale: 'en' });
  const page = await visitor.newPage();
  await page.goto(`${baseUrl()}/registry?q=${encodeURIComponent(number)}`);
  await page.click(`a[href="/registry/${number}"]`);
  const status = await page.getAttribute('#entry-status', 'data-status');
  const violations = await seriousViolations(page);
  await visitor.close();
  return { status, violations };
}

// clause: TOB-5.1.2, TOB-1.10, TOB-4.2.1.1, TOB-4.1.2, TOB-4.1.4, TOB-4.2.4, TOB-4.6
test('an entity is entered in the tobacco registry by a signed act, appears in the unified registry, and its suspension shows there at once', async () => {
  const applicant = await as(browser, 'entrepreneur');
  const page = applicant.page;
  // The entrepreneur acts for “Gəncə Tütün” ASC (Ganja Tutun OJSC).
  await page.check('label:has-text("Ganja Tutun") >> xpath=preceding-sibling::input');
  await page.click('form[action="/cabinet/organization"] button');
  await page.waitForURL(`${baseUrl()}/cabinet`);

  // TOB-4.3: the company's tax data move to the registry only with its consent, given here.
  await page.goto(`${baseUrl()}/cabinet/consents`);
  const missing = page.locator('#consents tr[data-subject="1700340141"] form[action="/cabinet/consents"] button');
  while (await missing.count() > 0) {
    await missing.first().click();
    await page.waitForURL(/\/cabinet\/consents/);
  }
  assert.ok(await page.locator('#consents tr[data-subject="1700340141"] .consent-in-force').count() > 0);

  await page.goto(`${baseUrl()}/systems/tob`);
  await page.click('#services a[href="/services/tob.registration"]');
  await page.click('#apply');
  // The entity's name and legal address come from the tax register through EHİS.
  assert.match(await page.inputValue('#f-applicant_name'), /Gəncə Tütün/);
  assert.notEqual(await page.inputValue('#f-legal_address'), '');
  const facilities = unique('Gəncə, Sənaye zonası, 5-ci döngə 8');
  await page.fill('#f-registered_on', '2018-05-14');
  await page.selectOption('#f-activity', 'production');
  await page.selectOption('#f-cigarettes', 'yes');
  await page.fill('#f-facilities', facilities);
  await page.click('#submit');
  await page.waitForURL(/\/cabinet\/cases\/[^/?]+\?registered=1$/);
  const caseId = new URL(page.url()).pathname.split('/').pop();
  const caseUrl = `${baseUrl()}/cabinet/cases/${caseId}`;
  const number = (await page.textContent('#case-number')).trim();
  assert.match(number, /^TOB-\d{4}-\d{6}$/);
  assert.deepEqual(await seriousViolations(page), []);

  // The Ministry's officer reviews it and decides to register; the duty is asked by its code.
  const officer = await as(browser, 'tob-officer');
  await officer.page.goto(`${baseUrl()}/work`);
  await officer.page.click(`#queue a:text("${number}")`);
  assert.match(await officer.page.textContent('main'), new RegExp(facilities.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await act(officer.page, caseId, 'start_review');
  await act(officer.page, caseId, 'approve');
  const code = (await officer.page.textContent('#payments .payment-code')).trim();
  await inboxMessage(page, `Application ${number}: pay the state duty`);
  await page.goto(caseUrl);
  await page.click(`#pay-${code}`);
  await page.waitForURL(`${baseUrl()}/test/pay/${code}`);
  await page.click('#pay-button');
  await page.waitForURL(caseUrl);
  await eventually(page, `/cabinet/cases/${caseId}`, 'Duty paid, the act of entry is being signed', '#case-state');

  // The act of entry, signed on the phone, enters the entity under a gapless number.
  await act(officer.page, caseId, 'enter');
  await signOnPhone(browser, officer.page, 'tob-officer');
  assert.match(await officer.page.textContent('#case-state'), /Entered in the registry/);
  await page.goto(caseUrl);
  const entry = (await page.textContent('#registry-link')).trim();
  assert.match(entry, /^TOB-ECONOMY-\d{6}$/);
  assert.match(await page.textContent('#issued'), /Act of entry in the registry of tobacco importers and producers/);
  await inboxMessage(page, `Entered in the tobacco registry under ${entry}`);
  let seen = await publicStatus(entry);
  assert.equal(seen.status, 'active', 'in the unified registry at once');
  assert.deepEqual(seen.violations, []);

  // A signed act suspends it; the unified registry shows it suspended at once.
  const reason = 'The facility failed the calibration check.';
  await act(officer.page, caseId, 'suspend', reason);
  await signOnPhone(browser, officer.page, 'tob-officer');
  assert.match(await officer.page.textContent('#case-state'), /Registration suspended/);
  await officer.context.close();
  seen = await publicStatus(entry);
  assert.equal(seen.status, 'suspended', 'the suspension is in the unified registry at once');
  const notice = await inboxMessage(page, `Registration ${entry} suspended`);
  assert.ok(notice.includes(reason), notice);
  await applicant.context.close();
});
