// Paying the state duty and receiving the signed licence in a real browser: the payment notice
// with its code, paying through the portal, the confirmation that moves the case on, the head
// signing on the phone, the applicant's PDF and detached signature checked with the real openssl,
// the public verification page, and the document's revocation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { baseUrl, eventually, launch, loggedIn as logIn, seriousViolations } from './browser.js';

const run = promisify(execFile);
const HEAD_NAME = 'Elçin Quliyev';
let browser;
const loggedIn = (login) => logIn(browser, login);
let dir;
before(async () => {
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'pencere-e2e-trust-'));
});
after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The inbox message whose subject contains `subject`, once delivered: its body's text. */
async function inboxMessage(page, subject) {
  await eventually(page, '/cabinet/inbox', subject);
  const message = page.locator('#inbox li').filter({ has: page.locator('.message-subject', { hasText: subject }) });
  assert.equal(await message.count(), 1, `one message "${subject}"`);
  return message.locator('.message-body').textContent();
}

/** Runs a command; resolves to its exit code (0 on success) and output. */
async function exitCode(command, args) {
  try {
    const { stdout, stderr } = await run(command, args);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    return { code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

/** Downloads what clicking `selector` on the page sends, into the temporary directory. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path };
}

const digits = (text) => text.replace(/\D/g, '');
const literally = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// What the first test leaves for the second: the case and its signed licence.
const issued = {};

// clause: LIC-6.1, LIC-5.10, LIC-5.11, LIC-5.12
test('a granted licence is paid for by its code, then signed by the head on the phone and sent to the cabinet', async () => {
  // The entrepreneur applies (the form as in cases.test.js).
  const applicant = await loggedIn('applicant');
  const page = applicant.page;
  await page.goto(`${baseUrl()}/services/lic.fire-protection/apply`);
  await page.fill('#f-activity_address', 'Sumqayıt, Sülh küçəsi 5');
  await page.selectOption('#f-activity_scope', 'sale');
  await page.click('#save');
  await page.waitForURL(/saved=1/);
  await page.setInputFiles('#file-ownership', { name: 'lease.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 lease') });
  await page.click('form:has(#file-ownership) button');
  await page.waitForSelector('#doc-ownership');
  await page.click('#submit');
  await page.waitForURL(/\/cabinet\/cases\/[^/?]+\?registered=1$/);
  const caseId = new URL(page.url()).pathname.split('/').pop();
  const caseUrl = `${baseUrl()}/cabinet/cases/${caseId}`;
  const number = (await page.textContent('#case-number')).trim();
  assert.match(await page.textContent('#case-state'), /Registered/);

  // The reviewer starts the review; the head decides to issue, which bills the state duty.
  const reviewer = await loggedIn('lic-reviewer');
  await reviewer.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  assert.equal((await reviewer.page.textContent('#case-number')).trim(), number);
  assert.equal(await reviewer.page.locator('#act-grant').count(), 0, 'only the head decides to issue');
  await reviewer.page.click('#act-start_review');
  await reviewer.page.waitForURL(`${baseUrl()}/work/cases/${caseId}`);
  assert.match(await reviewer.page.textContent('#case-state'), /Under review/);
  await reviewer.context.close();

  const head = await loggedIn('lic-head');
  await head.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  await head.page.click('#act-grant');
  await head.page.waitForURL(`${baseUrl()}/work/cases/${caseId}`);
  assert.match(await head.page.textContent('#case-state'), /Awaiting payment of the state duty/);
  const code = (await head.page.textContent('#payments .payment-code')).trim();
  assert.match(code, /^\d{12}$/);
  assert.equal(await head.page.getAttribute('#payments tbody tr', 'data-status'), 'due');

  // LIC-5.10: the applicant is told to pay, with the code, in the cabinet's inbox and on the case.
  const notice = await inboxMessage(page, `Application ${number}: pay the state duty`);
  assert.ok(notice.includes(code), `the payment notice names the code ${code}: ${notice}`);
  await page.goto(caseUrl);
  assert.match(await page.textContent('#case-state'), /Awaiting payment of the state duty/);
  assert.equal((await page.textContent('#payments .payment-code')).trim(), code);
  const amount = digits(await page.textContent('#payments tbody tr td:nth-child(3)'));
  assert.ok(amount.length > 0, 'the case shows the amount due');
  assert.deepEqual(await seriousViolations(page), []);

  // LIC-5.11: paying by the code through the portal's payment page.
  await page.click(`#pay-${code}`);
  await page.waitForURL(`${baseUrl()}/test/pay/${code}`);
  assert.equal((await page.textContent('#pay-code')).trim(), code);
  assert.equal(digits(await page.textContent('#pay-amount')), amount);
  assert.deepEqual(await seriousViolations(page), []);
  await page.click('#pay-button');
  await page.waitForURL(caseUrl);

  // LIC-5.12: the confirmation moves the case on and notifies the applicant.
  await eventually(page, `/cabinet/cases/${caseId}`, 'Duty paid, the licence is being signed', '#case-state');
  assert.equal(await page.getAttribute('#payments tbody tr', 'data-status'), 'paid');
  assert.equal(await page.locator(`#pay-${code}`).count(), 0, 'a paid order offers no second payment');
  await inboxMessage(page, `Application ${number}: payment confirmed`);
  await page.goto(`${baseUrl()}/test/pay/${code}`);
  assert.equal(await page.locator('#pay-button').count(), 0, 'the payment page does not take the duty twice');
  assert.ok(await page.isVisible('#pay-done'));

  // LIC-6.1: the head issues the licence and signs it on the phone.
  await head.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  assert.match(await head.page.textContent('#case-state'), /Duty paid, the licence is being signed/);
  await head.page.click('#act-issue');
  await head.page.waitForURL(`${baseUrl()}/work/cases/${caseId}`);
  assert.ok(await head.page.isVisible('#awaiting-signature'));
  assert.ok(await head.page.isVisible('#signing'));

  const phones = await browser.newContext({ locale: 'en' });
  const phonePage = await phones.newPage();
  await phonePage.goto(`${baseUrl()}/test/phone`);
  const headRow = phonePage.locator('tbody tr').filter({ has: phonePage.locator('td:first-child', { hasText: /^lic-head$/ }) });
  const headPhone = (await headRow.locator('td:nth-child(2)').textContent()).trim();
  const headUserId = (await headRow.locator('td:nth-child(3)').textContent()).trim();
  assert.equal(digits(await head.page.inputValue('#sign-phone')), digits(headPhone));
  assert.equal(await head.page.inputValue('#sign-user-id'), headUserId);

  // The applicant sees that the licence awaits the signature, but cannot sign it.
  await page.goto(caseUrl);
  assert.ok(await page.isVisible('#awaiting-signature'));
  assert.equal(await page.locator('#signing').count(), 0);

  await head.page.click('#sign-mobile');
  const verification = (await head.page.textContent('#verification-code')).trim();
  assert.match(verification, /^\d{4}$/);
  assert.deepEqual(await seriousViolations(head.page), []);

  // The head's phone shows the request with the same code and what is being signed.
  await phonePage.goto(`${baseUrl()}/test/phone?phone=${encodeURIComponent(headPhone)}`);
  const prompt = phonePage.locator('article').filter({ has: phonePage.locator('.big-code', { hasText: verification }) });
  assert.equal(await prompt.count(), 1, `one prompt with the code ${verification}`);
  assert.match(await prompt.locator('.phone-label').textContent(), /licen/i);
  await prompt.locator('button[value="confirm"]').click();
  await phonePage.waitForURL(/\/test\/phone\?phone=/);
  await phones.close();

  await head.page.click('#sign-done');
  await head.page.waitForURL(`${baseUrl()}/work/cases/${caseId}`);
  assert.match(await head.page.textContent('#case-state'), /Licence issued/);
  assert.equal(await head.page.locator('#awaiting-signature').count(), 0);
  assert.equal(await head.page.getAttribute('#issued tbody tr', 'data-status'), 'valid');
  assert.match(await head.page.textContent('#issued tbody tr'), new RegExp(HEAD_NAME));
  await head.context.close();

  // ...and it is in the applicant's cabinet: a notice, the case's issued documents, valid.
  const issuedNotice = await inboxMessage(page, `Application ${number}: your document is issued`);
  assert.match(issuedNotice, /signed with an enhanced electronic signature/);
  await page.goto(caseUrl);
  assert.match(await page.textContent('#case-state'), /Licence issued/);
  const row = page.locator('#issued tbody tr');
  assert.equal(await row.count(), 1);
  assert.equal(await row.getAttribute('data-status'), 'valid');
  assert.match(await row.locator('.document-status').textContent(), /Valid/);
  assert.match(await row.textContent(), new RegExp(HEAD_NAME));
  assert.ok(await row.locator('.document-pdf').isVisible());
  assert.ok(await row.locator('.document-signature').isVisible());
  const documentCode = (await row.locator('.document-code').textContent()).trim();
  assert.ok(documentCode.length > 0);
  assert.equal(await row.locator('.document-code').getAttribute('href'), `/verify/${documentCode}`);
  assert.match(await page.textContent('#registry-link'), /^LIC-ECONOMY-\d{6}$/, 'the licence is numbered in the registry');
  assert.deepEqual(await seriousViolations(page), []);
  await applicant.context.close();

  Object.assign(issued, { caseId, caseUrl, number, documentCode });
});

// clause: LIC-6.1, LIC-7.3, LIC-10.0.7, LIC-6.5, LIC-6.6
test('the licence verifies with openssl and at /verify, is in the public registry with a signed extract, and is revoked on the supervisor\'s motion by a signed act', async () => {
  assert.ok(issued.caseId, 'the previous test issued a licence');
  const { caseId, caseUrl, number, documentCode } = issued;

  // The applicant downloads the PDF and its detached signature from the case page.
  const applicant = await loggedIn('applicant');
  await applicant.page.goto(caseUrl);
  const pdf = await download(applicant.page, '#issued .document-pdf');
  const p7s = await download(applicant.page, '#issued .document-signature');
  assert.match(pdf.name, /\.pdf$/);
  assert.match(p7s.name, /\.p7s$/);
  const pdfBytes = await readFile(pdf.path);
  assert.equal(pdfBytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const documentId = (await applicant.page.getAttribute('#issued .document-pdf', 'href')).split('/')[2];
  // The licence names its number, its holder, its signer and the code to check it by.
  const text = (await run('pdftotext', ['-layout', pdf.path, '-'])).stdout.replace(/\s+/g, ' ');
  for (const expected of [number, 'Rəşad Məmmədov', HEAD_NAME, documentCode, `/verify/${documentCode}`]) {
    assert.ok(text.includes(expected), `the PDF shows ${expected}: ${text}`);
  }

  // The test environment's CA root, as integrators get it.
  const credentials = await applicant.context.request.get(`${baseUrl()}/api/v1/test/credentials/lic-head`);
  assert.equal(credentials.status(), 200);
  const caPath = join(dir, 'ca.pem');
  await writeFile(caPath, (await credentials.json()).ca);
  await applicant.context.close();

  // Nobody else's cabinet gets the files.
  const other = await loggedIn('entrepreneur');
  for (const file of ['pdf', 'signature']) {
    const response = await other.context.request.get(`${baseUrl()}/documents/${documentId}/${file}`, { maxRedirects: 0 });
    assert.equal(response.status(), 404, `another person's ${file} download`);
  }
  await other.context.close();

  // The real openssl accepts the signature over these bytes, by a certificate of the CA, made by the head...
  const signerPath = join(dir, 'signer.pem');
  const verified = await exitCode('openssl', [
    'cms', '-verify', '-binary', '-inform', 'DER', '-content', pdf.path, '-in', p7s.path,
    '-CAfile', caPath, '-signer', signerPath, '-out', '/dev/null',
  ]);
  assert.equal(verified.code, 0, `openssl cms -verify failed: ${verified.output}`);
  const subject = await exitCode('openssl', ['x509', '-in', signerPath, '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus']);
  assert.equal(subject.code, 0, subject.output);
  assert.match(subject.output, new RegExp(`CN ?= ?${HEAD_NAME}`));

  // ...and refuses it once one byte of the document changed.
  const tampered = Buffer.from(pdfBytes);
  const at = Math.floor(tampered.length / 2);
  tampered[at] ^= 0x01;
  const tamperedPath = join(dir, 'tampered.pdf');
  await writeFile(tamperedPath, tampered);
  const refused = await exitCode('openssl', [
    'cms', '-verify', '-binary', '-inform', 'DER', '-content', tamperedPath, '-in', p7s.path,
    '-CAfile', caPath, '-out', '/dev/null',
  ]);
  assert.notEqual(refused.code, 0, 'openssl accepted a tampered document');

  // Anyone can check the code without logging in.
  const visitor = await browser.newContext({ locale: 'en' });
  const check = await visitor.newPage();
  await check.goto(`${baseUrl()}/verify/${documentCode}`);
  assert.equal(await check.getAttribute('#verify-status', 'data-status'), 'valid');
  assert.match(await check.textContent('#verify-status'), /Valid/);
  assert.match(await check.textContent('#verify-verdict'), /The document is valid and its signature verifies/);
  assert.match(await check.textContent('#verify-signature'), /Valid enhanced electronic signature/);
  assert.equal((await check.textContent('#verify-signer')).trim(), HEAD_NAME);
  assert.match(await check.textContent('main'), new RegExp(literally(number)));
  assert.deepEqual(await seriousViolations(check), []);

  // LIC-7.3: anyone finds the licence in the public registry and checks its signed extract.
  const holderPage = await loggedIn('applicant');
  await holderPage.page.goto(caseUrl);
  const licence = (await holderPage.page.textContent('#registry-link')).trim();
  await holderPage.context.close();
  await check.goto(`${baseUrl()}/registry?q=${encodeURIComponent('Rəşad')}`);
  await check.click(`a[href="/registry/${licence}"]`);
  assert.equal(await check.getAttribute('#entry-status', 'data-status'), 'active');
  assert.match(await check.textContent('#entry-holder'), /Rəşad Məmmədov/);
  assert.deepEqual(await seriousViolations(check), []);
  const files = {};
  for (const [name, path] of [['pdf', `/registry/${licence}/extract.pdf`], ['sig', `/registry/${licence}/extract.sig`], ['pem', '/registry/seal.pem']]) {
    const response = await visitor.request.get(`${baseUrl()}${path}`);
    assert.equal(response.status(), 200, path);
    files[name] = join(dir, `extract.${name}`);
    await writeFile(files[name], await response.body());
  }
  const sealed = await exitCode('openssl', ['dgst', '-sha256', '-verify', files.pem, '-signature', files.sig, files.pdf]);
  assert.equal(sealed.code, 0, `openssl dgst -verify failed: ${sealed.output}`);
  const extractText = (await run('pdftotext', ['-layout', files.pdf, '-'])).stdout.replace(/\s+/g, ' ');
  assert.ok(extractText.includes(licence) && extractText.includes('Rəşad Məmmədov'), extractText);

  // LIC-6.5: the supervisory body moves to revoke it, with reasons; the public does not see the motion.
  const reason = 'The premises failed the follow-up fire inspection.';
  const supervisor = await loggedIn('lic-supervisor');
  await supervisor.page.goto(`${baseUrl()}/registry/${licence}`);
  await supervisor.page.selectOption('#motion-action', 'revoke');
  await supervisor.page.fill('#motion-reason', reason);
  await supervisor.page.click('#motion-submit');
  await supervisor.page.waitForURL(`${baseUrl()}/registry/${licence}`);
  assert.equal(await supervisor.page.getAttribute('#motions tbody tr', 'data-status'), 'open');
  assert.deepEqual(await seriousViolations(supervisor.page), []);
  await check.goto(`${baseUrl()}/registry/${licence}`);
  assert.equal(await check.locator('#motions').count(), 0, 'motions are not public');

  // LIC-6.6: the head sees the motion, revokes with a signed act on the phone.
  const head = await loggedIn('lic-head');
  await head.page.goto(`${baseUrl()}/registry/${licence}`);
  assert.match(await head.page.textContent('#motions'), new RegExp(literally(reason)));
  await head.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  await head.page.fill('#reason-revoke', reason);
  await head.page.click('#act-revoke');
  await head.page.waitForURL(`${baseUrl()}/work/cases/${caseId}`);
  assert.ok(await head.page.isVisible('#signing'));
  const phones = await browser.newContext({ locale: 'en' });
  const phonePage = await phones.newPage();
  await phonePage.goto(`${baseUrl()}/test/phone`);
  const headRow = phonePage.locator('tbody tr').filter({ has: phonePage.locator('td:first-child', { hasText: /^lic-head$/ }) });
  const headPhone = (await headRow.locator('td:nth-child(2)').textContent()).trim();
  await head.page.click('#sign-mobile');
  const verification = (await head.page.textContent('#verification-code')).trim();
  await phonePage.goto(`${baseUrl()}/test/phone?phone=${encodeURIComponent(headPhone)}`);
  const prompt = phonePage.locator('article').filter({ has: phonePage.locator('.big-code', { hasText: verification }) });
  await prompt.locator('button[value="confirm"]').click();
  await phonePage.waitForURL(/\/test\/phone\?phone=/);
  await phones.close();
  await head.page.click('#sign-done');
  await head.page.waitForURL(`${baseUrl()}/work/cases/${caseId}`);
  assert.match(await head.page.textContent('#case-state'), /Licence revoked/);
  await head.context.close();

  // At once: the licence is revoked in the registry and at /verify, the motion answered.
  await check.goto(`${baseUrl()}/registry/${licence}`);
  assert.equal(await check.getAttribute('#entry-status', 'data-status'), 'revoked');
  assert.equal(await check.getAttribute('#history tbody tr:last-child', 'data-kind'), 'revoked');
  await supervisor.page.goto(`${baseUrl()}/registry/${licence}`);
  assert.equal(await supervisor.page.getAttribute('#motions tbody tr', 'data-status'), 'accepted');
  await supervisor.context.close();
  await check.goto(`${baseUrl()}/verify/${documentCode}`);
  assert.equal(await check.getAttribute('#verify-status', 'data-status'), 'revoked');
  assert.match(await check.textContent('#verify-status'), new RegExp(`Revoked — ${literally(reason)}`));
  assert.match(await check.textContent('#verify-verdict'), /the document is not in force/);
  assert.deepEqual(await seriousViolations(check), []);
  await visitor.close();

  // The holder is told, with the reason, and sees the revocation act on the case.
  const holder = await loggedIn('applicant');
  const statusNotice = await inboxMessage(holder.page, `Licence ${licence} revoked`);
  assert.ok(statusNotice.includes(reason), statusNotice);
  await holder.page.goto(caseUrl);
  assert.match(await holder.page.textContent('#case-state'), /Licence revoked/);
  const rows = holder.page.locator('#issued tbody tr');
  assert.equal(await rows.first().getAttribute('data-status'), 'revoked');
  assert.equal(await rows.last().getAttribute('data-status'), 'valid', 'the revocation act itself is in force');
  await holder.context.close();
});
