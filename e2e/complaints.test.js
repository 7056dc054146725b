// A refusal and the complaint against it in a real browser: the head refuses with reasons and
// signs the act on the phone, the applicant checks the act with the real openssl and contests it
// from the case page; the body decides the complaint with a signed result act sent to the cabinet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseUrl, eventually, launch, seriousViolations } from './browser.js';
import { act, applyForFireLicence, as, download, exitCode, inboxMessage, literally, pdfText, signOnPhone, unique } from './lic.js';

const HEAD_NAME = 'Elçin Quliyev';
let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'pencere-e2e-complaints-'));
});
after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Whether openssl accepts `p7s` as a detached signature over `pdf` by the test CA. */
async function verifies(context, pdf, p7s) {
  const credentials = await context.request.get(`${baseUrl()}/api/v1/test/credentials/lic-head`);
  assert.equal(credentials.status(), 200);
  const caPath = join(dir, 'ca.pem');
  await writeFile(caPath, (await credentials.json()).ca);
  const signerPath = join(dir, `signer-${Date.now()}.pem`);
  const verified = await exitCode('openssl', [
    'cms', '-verify', '-binary', '-inform', 'DER', '-content', pdf, '-in', p7s,
    '-CAfile', caPath, '-signer', signerPath, '-out', '/dev/null',
  ]);
  assert.equal(verified.code, 0, `openssl cms -verify failed: ${verified.output}`);
  const subject = await exitCode('openssl', ['x509', '-in', signerPath, '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus']);
  assert.match(subject.output, new RegExp(`CN ?= ?${HEAD_NAME}`));
}

// clause: LIC-5.9, LIC-7.1, LIC-10.0.2
test('a reasoned refusal signed on the phone verifies with openssl, is contested from the case page, and the complaint is decided by a signed act', async () => {
  const applicant = await as(browser, 'applicant');
  const page = applicant.page;
  const { caseId, caseUrl, number } = await applyForFireLicence(page, unique('Lənkəran, Dənizkənarı küçəsi 4'));

  // The reviewer starts the review; only the head refuses, with reasons, signed on the phone.
  const reviewer = await as(browser, 'lic-reviewer');
  await act(reviewer.page, caseId, 'start_review');
  assert.equal(await reviewer.page.locator('#act-refuse').count(), 0, 'only the head refuses');
  await reviewer.context.close();

  const refusal = unique('The premises are in a residential building, where the sale of fire-protection equipment is not allowed.');
  const head = await as(browser, 'lic-head');
  await head.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  await head.page.click('#act-refuse');
  assert.ok(await head.page.isVisible('#reason-refuse-error'), 'a refusal needs its reasons');
  await act(head.page, caseId, 'refuse', refusal);
  assert.ok(await head.page.isVisible('#awaiting-signature'));
  await signOnPhone(browser, head.page);
  assert.match(await head.page.textContent('#case-state'), /Refused/);
  assert.equal(await head.page.getAttribute('#issued tbody tr', 'data-status'), 'valid');

  // LIC-5.9: the applicant is told, with the reasons, and has the signed act in the cabinet.
  const decided = await inboxMessage(page, `Decision on application ${number}`);
  assert.ok(decided.includes(refusal), decided);
  await eventually(page, '/test/mailbox', `Decision on application ${number}`);
  await eventually(page, '/test/sms', `Application ${number}: Refused`);
  await page.goto(caseUrl);
  assert.match(await page.textContent('#case-state'), /Refused/);
  const row = page.locator('#issued tbody tr');
  assert.equal(await row.count(), 1);
  assert.equal(await row.getAttribute('data-status'), 'valid');
  assert.match(await row.textContent(), new RegExp(HEAD_NAME));
  assert.deepEqual(await seriousViolations(page), []);
  const refusalCode = (await row.locator('.document-code').textContent()).trim();
  const pdf = await download(page, '#issued .document-pdf', dir);
  const p7s = await download(page, '#issued .document-signature', dir);
  assert.equal((await readFile(pdf.path)).subarray(0, 5).toString('latin1'), '%PDF-');
  const text = await pdfText(pdf.path);
  for (const expected of [number, HEAD_NAME, refusalCode, refusal]) {
    assert.ok(text.includes(expected), `the refusal shows ${expected}: ${text}`);
  }
  await verifies(applicant.context, pdf.path, p7s.path);

  // LIC-10.0.2, LIC-7.1: the complaint link next to the act opens the complaint, the act named.
  const contest = row.locator('.document-contest');
  assert.equal(await contest.count(), 1, 'the refusal can be contested');
  await contest.click();
  await page.waitForURL(new RegExp(`/services/lic\\.complaint/apply\\?act=${literally(refusalCode)}`));
  assert.equal(await page.inputValue('#f-act'), refusalCode);
  assert.deepEqual(await seriousViolations(page), []);
  await page.click('#submit');
  assert.match(await page.textContent('#problems'), /Grounds of the complaint: This field is required\./);
  assert.equal(await page.getAttribute('#f-grounds', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#f-act'), refusalCode, 'the act is kept');
  assert.deepEqual(await seriousViolations(page), []);
  const grounds = unique('The building is registered as non-residential since 2019; the extract of the register is attached.');
  await page.fill('#f-grounds', grounds);
  await page.click('#submit');
  await page.waitForURL(/\/cabinet\/cases\/[^/?]+\?registered=1$/);
  const complaintId = new URL(page.url()).pathname.split('/').pop();
  const complaintUrl = `${baseUrl()}/cabinet/cases/${complaintId}`;
  const complaintNumber = (await page.textContent('#case-number')).trim();
  assert.match(complaintNumber, /^SHK-\d{4}-\d{6}$/);
  assert.match(await page.textContent('#case-state'), /Registered/);
  assert.match(await page.textContent('#deadlines'), /Time to decide the complaint/);
  assert.deepEqual(await seriousViolations(page), []);
  await inboxMessage(page, `Complaint ${complaintNumber} registered`);

  // The body that issued the act finds it in its queue, reviews it and rejects it, signed.
  const reviewing = await as(browser, 'lic-reviewer');
  await reviewing.page.goto(`${baseUrl()}/work`);
  await reviewing.page.click(`#queue a:text("${complaintNumber}")`);
  assert.match(await reviewing.page.textContent('main'), new RegExp(literally(grounds)));
  assert.match(await reviewing.page.textContent('main'), new RegExp(literally(refusalCode)));
  await act(reviewing.page, complaintId, 'start_review');
  assert.equal(await reviewing.page.locator('#act-reject').count(), 0, 'only the head decides a complaint');
  assert.deepEqual(await seriousViolations(reviewing.page), []);
  await reviewing.context.close();

  const answer = unique('The register shows the building as residential on the day of the decision; the refusal stands.');
  await act(head.page, complaintId, 'reject', answer);
  await signOnPhone(browser, head.page);
  assert.match(await head.page.textContent('#case-state'), /Complaint rejected/);
  await head.context.close();

  // LIC-7.1: the result act is in the cabinet, signed, and the complainant is told.
  const notice = await inboxMessage(page, `Decision on complaint ${complaintNumber}`);
  assert.ok(notice.includes(answer), notice);
  assert.match(notice, /The signed result act is in your cabinet\./);
  await eventually(page, '/test/mailbox', `Decision on complaint ${complaintNumber}`);
  await page.goto(complaintUrl);
  assert.match(await page.textContent('#case-state'), /Complaint rejected/);
  const result = page.locator('#issued tbody tr');
  assert.equal(await result.count(), 1);
  assert.equal(await result.getAttribute('data-status'), 'valid');
  assert.match(await result.textContent(), /administrative complaint: rejected/);
  assert.match(await result.textContent(), new RegExp(HEAD_NAME));
  const resultPdf = await download(page, '#issued .document-pdf', dir);
  const resultSig = await download(page, '#issued .document-signature', dir);
  assert.ok((await pdfText(resultPdf.path)).includes(complaintNumber));
  await verifies(applicant.context, resultPdf.path, resultSig.path);
  assert.deepEqual(await seriousViolations(page), []);

  // The refused application is unchanged.
  await page.goto(caseUrl);
  assert.match(await page.textContent('#case-state'), /Refused/);
  await applicant.context.close();
});
