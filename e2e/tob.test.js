// The tobacco importers and producers registry in a real browser: an entity applies for entry,
// the Ministry of Economy's officer reviews it, the state duty is paid by its code, the officer
// signs the act of entry on the phone, and the entry is in the unified registry of licences and
// permits at once; suspending it by a signed act changes its status there at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, eventually, launch, seriousViolations } from './browser.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { act, as, exitCode, inboxMessage, pdfText, signOnPhone, unique } from './lic.js';

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

/** The public entry of `number` as an anonymous visitor reads it: its recorded details. */
async function publicDetails(number) {
  const visitor = await browser.newContext({ locale: 'en' });
  const page = await visitor.newPage();
  await page.goto(`${baseUrl()}/registry/${number}`);
  const details = {};
  for (const dd of await page.locator('dd[data-field]').all()) {
    details[await dd.getAttribute('data-field')] = await dd.getAttribute('data-value');
  }
  const main = await page.textContent('main');
  const violations = await seriousViolations(page);
  await visitor.close();
  return { details, main, violations };
}

// clause: TOB-5.1.2, TOB-1.10, TOB-4.2.1.1, TOB-4.2.1.2, TOB-4.2.1.3, TOB-4.2.1.5, TOB-3.2.2, TOB-7.1.9, TOB-4.1.1, TOB-4.1.2, TOB-4.1.3, TOB-4.1.4, TOB-1.2, TOB-4.2.4, TOB-4.6, TOB-5.1.3, TOB-6.1.14, TOB-6.1.12, TOB-1.5, TOB-6.1.3, TOB-9.1.3
test('an entity is entered in the tobacco registry by a signed act, appears in the unified registry with its activity and a signed extract, is re-issued with a new activity, and its suspension shows there at once', async () => {
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
  // The entity's name, legal address, day of tax registration and the addresses of its objects
  // come from the tax register through EHİS (the primary source), not from the applicant.
  assert.match(await page.inputValue('#f-applicant_name'), /Gəncə Tütün/);
  assert.notEqual(await page.inputValue('#f-legal_address'), '');
  assert.match(await page.inputValue('#f-registered_on'), /^\d{4}-\d{2}-\d{2}$/);
  assert.notEqual(await page.inputValue('#f-facilities'), '');
  assert.equal(await page.inputValue('#f-voen'), '1700340141');
  // Production since the tax registration of its first production facility.
  assert.match(await page.inputValue('#f-production_since'), /^\d{4}-\d{2}-\d{2}$/);
  assert.match(await page.textContent('#exchange-prefilled'), /Date of state \(tax\) registration/);
  const facilities = unique('Gəncə, Sənaye zonası, 5-ci döngə 8');
  await page.selectOption('#f-region', 'gence-daskesen');
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
  // The entry records the registered activity and the region, and the day of registration.
  let shown = await publicDetails(entry);
  assert.deepEqual(shown.details, { region: 'gence-daskesen', activity: 'production', cigarettes: 'yes' });
  assert.match(shown.main, /Production of tobacco products/);
  assert.match(shown.main, /1700340141/);
  assert.match(shown.main, new RegExp(new Date().toISOString().slice(0, 10)));
  assert.deepEqual(shown.violations, []);

  // Anyone takes the extract from the registry: a PDF sealed with the portal's key (openssl
  // checks it) that names the entity, its number and its activity — in Azerbaijani, the
  // official language, when the reader's browser names no other.
  const dir = await mkdtemp(join(tmpdir(), 'tob-extract-'));
  const visitor = await browser.newContext({ locale: 'en' });
  const files = {};
  for (const [name, path] of [['pdf', `/registry/${entry}/extract.pdf`], ['sig', `/registry/${entry}/extract.sig`], ['pem', '/registry/seal.pem']]) {
    const response = await visitor.request.get(`${baseUrl()}${path}`);
    assert.equal(response.status(), 200, path);
    files[name] = join(dir, `extract.${name}`);
    await writeFile(files[name], await response.body());
  }
  await visitor.close();
  const sealed = await exitCode('openssl', ['dgst', '-sha256', '-verify', files.pem, '-signature', files.sig, files.pdf]);
  assert.equal(sealed.code, 0, `openssl dgst -verify failed: ${sealed.output}`);
  const extract = await pdfText(files.pdf);
  for (const expected of [entry, 'Gəncə Tütün', '1700340141', 'Tütün məmulatının istehsalı', 'Gəncə-Daşkəsən']) {
    assert.ok(extract.includes(expected), `${expected} in the extract: ${extract}`);
  }

  // The registration is re-issued when the activity changes: same number, the new activity.
  await page.goto(`${baseUrl()}/services/tob.reissue/apply`);
  await page.fill('#f-licence', entry);
  await page.selectOption('#f-change', 'activity');
  await page.selectOption('#f-region', 'gence-daskesen');
  await page.selectOption('#f-activity', 'import_and_production');
  await page.selectOption('#f-cigarettes', 'yes');
  await page.click('#save');
  await page.waitForURL(/saved=1/);
  await page.setInputFiles('#file-change_proof', { name: 'charter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 new activity') });
  await page.click('form:has(#file-change_proof) button');
  await page.waitForSelector('#doc-change_proof');
  await page.click('#submit');
  await page.waitForURL(/\/cabinet\/cases\/[^/?]+\?registered=1$/);
  const reissueId = new URL(page.url()).pathname.split('/').pop();
  assert.deepEqual(await seriousViolations(page), []);
  await act(officer.page, reissueId, 'start_review');
  await act(officer.page, reissueId, 'reissue');
  assert.equal((await publicDetails(entry)).details.activity, 'production', 'nothing changes before the signature');
  await signOnPhone(browser, officer.page, 'tob-officer');
  assert.match(await officer.page.textContent('#case-state'), /Registration re-issued/);
  shown = await publicDetails(entry);
  assert.equal(shown.details.activity, 'import_and_production');
  assert.match(shown.main, /Re-issued/);
  await inboxMessage(page, `Registration ${entry} re-issued`);

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

  // The act of entry was signed by the Ministry's officer with her enhanced e-signature: the
  // verification page names her from the qualified certificate.
  await page.goto(caseUrl);
  const actCode = (await page.locator('#issued tr', { hasText: 'Act of entry' }).locator('a[href^="/verify/"]').textContent()).trim();
  const checker = await browser.newContext({ locale: 'en' });
  const check = await checker.newPage();
  await check.goto(`${baseUrl()}/verify/${actCode}`);
  assert.equal((await check.textContent('#verify-signer')).trim(), 'Nigar Rzayeva');
  await checker.close();

  // Every read of the entity's data is for a stated purpose, and the representative sees it:
  // the tax register's answers to the prefill, and the officer who read the application.
  await page.goto(`${baseUrl()}/cabinet`);
  const reads = await page.textContent('#registry-reads');
  assert.ok(reads.includes('prefill tob.registration'), reads);
  const viewed = page.locator('section[aria-labelledby="journal-heading"] tr', { hasText: 'Personal data viewed' });
  assert.ok(await viewed.filter({ hasText: 'tob-officer' }).count() > 0, 'the officer\'s reads of the application');
  await applicant.context.close();
});

// clause: TOB-6.1.15, TOB-7.1.8, TOB-8.1.7, TOB-8.1.6, TOB-9.1.2, TOB-3.2.1, TOB-9.1.4
test('the Ministry enters data about an entity\'s registry entry, the entity follows it in its cabinet, reports an error in its data and is answered; nobody else sees these notes', async () => {
  // The demo's “Xəzər İmport” MMC (Khazar Import LLC) is in the registry.
  const visitor = await browser.newContext({ locale: 'en' });
  const anonymous = await visitor.newPage();
  await anonymous.goto(`${baseUrl()}/registry?q=1401234041`);
  const href = await anonymous.getAttribute('a[href^="/registry/TOB-ECONOMY-"]', 'href');
  const entry = href.split('/').pop();

  // The Ministry's officer enters what the Ministry learned about the entity.
  const officer = await as(browser, 'tob-officer');
  await officer.page.goto(`${baseUrl()}/registry/${entry}`);
  await officer.page.click('#note-submit');
  assert.match(await officer.page.textContent('#note-text-error'), /This field is required/);
  const finding = unique('Inspection of the Baku warehouse: stock matches the customs declarations.');
  await officer.page.fill('#note-text', finding);
  await officer.page.click('#note-submit');
  await officer.page.waitForURL(`${baseUrl()}/registry/${entry}#notes-heading`);
  assert.match(await officer.page.textContent('#notes'), new RegExp(finding.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.deepEqual(await seriousViolations(officer.page), []);

  // So does the platform's operator, with what it obtained in its own work.
  const operator = await as(browser, 'operator');
  await operator.page.goto(`${baseUrl()}/registry/${entry}`);
  const operatorFinding = unique('EHİS exchange audit: the tax register confirmed the entity\'s objects.');
  await operator.page.fill('#note-text', operatorFinding);
  await operator.page.click('#note-submit');
  await operator.page.waitForURL(`${baseUrl()}/registry/${entry}#notes-heading`);
  await operator.context.close();

  // The entity's representative is told, reads it on the entry, and reports an error.
  const importer = await as(browser, 'importer');
  const page = importer.page;
  await page.check('label:has-text("Khazar Import") >> xpath=preceding-sibling::input');
  await page.click('form[action="/cabinet/organization"] button');
  await page.waitForURL(`${baseUrl()}/cabinet`);
  // The demo's application was made in Azerbaijani, so its notices are.
  await eventually(page, '/cabinet/inbox', `${entry} nömrəli reyestr qeydinizdə yeni məlumat`);
  await page.goto(`${baseUrl()}/registry/${entry}`);
  assert.ok((await page.textContent('#notes')).includes(finding));
  assert.ok((await page.textContent('#notes')).includes(operatorFinding));
  assert.equal(await page.locator('#note-form').count(), 0, 'the holder does not enter the owner\'s data');
  const error = unique('The legal address lacks the building number: it is Babək prospekti 12A.');
  await page.fill('#error-text', error);
  await page.click('#error-submit');
  await page.waitForURL(/reported=1/);
  assert.equal(await page.locator('#notes li[data-kind="error_report"][data-open="true"]').count(), 1);
  assert.deepEqual(await seriousViolations(page), []);

  // The officer sees the report waiting and answers it; the entity is told the answer.
  await officer.page.goto(`${baseUrl()}/work`);
  await officer.page.click(`#entry-errors a[href^="/registry/${entry}"]`);
  const answer = unique('Checked with the tax register; apply for a re-issue with the corrected address.');
  await officer.page.fill('#notes li[data-open="true"] textarea', answer);
  await officer.page.click('#notes li[data-open="true"] button');
  await officer.page.waitForURL(`${baseUrl()}/registry/${entry}#notes-heading`);
  assert.equal(await officer.page.locator('#notes li[data-open="true"]').count(), 0);
  await officer.context.close();
  const told = await inboxMessage(page, `${entry} üzrə səhv bildirişinizə cavab verilib`);
  assert.ok(told.includes(answer), told);
  await importer.context.close();

  // The public and another entity see no notes at all.
  await anonymous.goto(`${baseUrl()}/registry/${entry}`);
  assert.equal(await anonymous.locator('#notes-heading').count(), 0);
  await visitor.close();
  const other = await as(browser, 'entrepreneur');
  await other.page.goto(`${baseUrl()}/registry/${entry}`);
  assert.equal(await other.page.locator('#notes-heading').count(), 0);
  await other.context.close();
});

// clause: TOB-6.1.6, TOB-6.1.8, TOB-7.1.2, TOB-7.1.3
test('the registry\'s owner reports an intrusion attempt to XRİTDX, the Ministry and law enforcement at once, and answers XRİTDX\'s inquiry within 24 hours; the operator sees it too', async () => {
  const officer = await as(browser, 'tob-officer');
  const page = officer.page;
  await page.goto(`${baseUrl()}/work`);
  await page.click('#security-link');
  await page.waitForURL(`${baseUrl()}/work/security/events`);
  assert.deepEqual(await page.$$eval('#event-system option', (options) => options.map((o) => o.value)), ['tob'], 'the Ministry owns the tobacco registry');
  await page.click('#report-submit');
  assert.match(await page.textContent('#event-summary-error'), /This field is required/);
  const summary = unique('Scripted login attempts on the registry officers\' accounts from 198.51.100.23, through the EHİS adapter.');
  await page.selectOption('#event-kind', 'intrusion_attempt');
  await page.check('#event-ehis');
  await page.fill('#event-summary', summary);
  await page.click('#report-submit');
  await page.waitForURL(/\/work\/security\/events#event-/);
  const event = page.locator('article[data-kind="intrusion_attempt"]').filter({ hasText: summary });
  assert.equal(await event.locator('.reports li').count(), 3, 'XRİTDX, the Ministry and the law-enforcement body');
  assert.deepEqual(await seriousViolations(page), []);

  // Each authority gets the report by e-mail at once (the demo's mailbox).
  for (const address of ['cert@xritdx.example.az', 'security@mincom.example.az', 'cybercrime@police.example.az']) {
    const mail = page.locator('article.mail').filter({ hasText: address }).filter({ hasText: summary });
    await eventually(page, '/test/mailbox', address);
    assert.equal(await mail.count(), 1, `one report to ${address}`);
  }

  // XRİTDX asks; the answer is due 24 hours on and goes back by e-mail.
  await page.goto(`${baseUrl()}/work/security/events`);
  const card = page.locator('article[data-kind="intrusion_attempt"]').filter({ hasText: summary });
  await card.locator('details summary').click();
  await card.locator('select[name="recipient"]').selectOption('xritdx');
  await card.locator('textarea[name="question"]').fill('Were any accounts taken over?');
  await card.locator('form[action$="/inquiries"] button').click();
  await page.waitForURL(/\/work\/security\/events#event-/);
  const inquiry = page.locator('article[data-kind="intrusion_attempt"]').filter({ hasText: summary }).locator('.inquiries li');
  assert.match(await inquiry.locator('.due').textContent(), /Answer due by/);
  const answer = unique('No account was taken over; the address is blocked.');
  await inquiry.locator('textarea[name="answer"]').fill(answer);
  await inquiry.locator('button').click();
  await page.waitForURL(`${baseUrl()}/work/security/events`);
  assert.equal(await page.locator('article').filter({ hasText: summary }).locator('.inquiries li[data-answered="true"]').count(), 1);
  await eventually(page, '/test/mailbox', answer);
  await officer.context.close();

  // The operator sees the owner's report among every system's events.
  const operator = await as(browser, 'operator');
  await operator.page.goto(`${baseUrl()}/cabinet`);
  await operator.page.click('#security-admin-link');
  assert.ok((await operator.page.textContent('main')).includes(summary));
  await operator.context.close();

  // An entity's representative may not.
  const entity = await as(browser, 'importer');
  const refused = await entity.page.goto(`${baseUrl()}/work/security/events`);
  assert.equal(refused.status(), 403);
  await entity.context.close();
});

// clause: TOB-9.1.5
test('an entity suggests an improvement of the tobacco registry from its pages; the operator answers and the private link shows the answer', async () => {
  const entity = await as(browser, 'importer');
  const page = entity.page;
  await page.goto(`${baseUrl()}/systems/tob`);
  await page.click('#footer-suggestion');
  await page.waitForURL(`${baseUrl()}/suggestions/new`);
  const subject = unique('Tobacco registry: show the customs declarations on the entry');
  // Logged in, the form already holds the representative's name and address.
  assert.notEqual(await page.inputValue('#f-name'), '');
  await page.fill('#f-subject', subject);
  await page.fill('#f-text', unique('Let the registry entry list the customs declarations that prove the import condition.'));
  await page.click('#appeal-submit');
  await page.waitForSelector('#receipt');
  const number = (await page.textContent('#receipt-number')).trim();
  const link = await page.getAttribute('#private-link', 'href');
  assert.deepEqual(await seriousViolations(page), []);

  const operator = await as(browser, 'operator');
  await operator.page.goto(`${baseUrl()}/admin/suggestions`);
  const queued = operator.page.locator(`section.appeal[data-number="${number}"]`);
  assert.ok((await queued.textContent()).includes(subject));
  const answer = unique('Planned: the entry will list the declarations the entity consents to show.');
  await queued.locator('textarea[name="answer"]').fill(answer);
  await queued.locator('button[type="submit"]').click();
  await operator.page.waitForURL(`${baseUrl()}/admin/suggestions`);
  await operator.context.close();

  await page.goto(`${baseUrl()}${link}`);
  assert.equal(await page.getAttribute('#appeal-status', 'data-status'), 'answered');
  assert.equal((await page.textContent('#appeal-answer')).trim(), answer);
  await entity.context.close();
});

// clause: TOB-6.1.12, TOB-7.1.10
test('the registry\'s officer and the operator each hold an enhanced e-signature with a certificate of the trusted CA, and log in with it', async () => {
  for (const [phoneNumber, userId, name] of [['+994 50 300 00 03', '200003', 'Nigar Rzayeva'], ['+994 50 300 00 08', '200008', null]]) {
    const context = await browser.newContext({ locale: 'en' });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/login`);
    await page.fill('#mobile-phone', phoneNumber);
    await page.fill('#mobile-user-id', userId);
    await page.click('form[action="/login/mobile"] button');
    const code = (await page.textContent('#verification-code')).trim();
    const phone = await context.newPage();
    await phone.goto(`${baseUrl()}/test/phone?phone=${encodeURIComponent(phoneNumber)}`);
    assert.match(await phone.textContent('main'), new RegExp(code));
    await phone.click('button[value="confirm"]');
    await page.click('form[action="/login/mobile/complete"] button');
    await page.waitForURL(`${baseUrl()}/cabinet`);
    if (name) assert.equal(await page.textContent('#profile-name'), name);
    // The session says it was opened with the e-signature.
    const me = await page.request.get(`${baseUrl()}/api/v1/me`);
    assert.equal((await me.json()).login_method, 'esign');
    await context.close();
  }
});
