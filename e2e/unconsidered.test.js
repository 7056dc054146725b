// An application whose deficiencies were not removed in time, in a real browser. The server's
// clock cannot be moved, so the operator runs the deadline sweep as of a later date on the test
// environment's page /test/deadlines. This file sorts last on purpose: the sweep expires every
// deadline due before that date, other tests' leftovers included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseUrl, eventually, launch, seriousViolations } from './browser.js';
import { act, applyForFireLicence, as, dayAfter, download, exitCode, inboxMessage, pdfText, signOnPhone, unique } from './lic.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The operator runs the sweep as of `date` from the statistics page's link. */
async function sweepAsOf(page, date) {
  await page.goto(`${baseUrl()}/admin/statistics`);
  await page.click('#test-deadlines-link');
  await page.waitForURL(`${baseUrl()}/test/deadlines`);
  await page.fill('#sweep-date', date);
  await page.click('#sweep-submit');
  await page.waitForURL(new RegExp(`/test/deadlines\\?date=${date}&`));
  return page.textContent('#swept');
}

// clause: LIC-5.5
test('deficiencies not removed by the last day bring the act leaving the application unconsidered, signed by the head; the applicant is told', async () => {
  const applicant = await as(browser, 'applicant');
  const page = applicant.page;
  const { caseId, caseUrl, number } = await applyForFireLicence(page, unique('Quba, Fətəli xan küçəsi 9'));
  const reviewer = await as(browser, 'lic-reviewer');
  await act(reviewer.page, caseId, 'request_fixes', unique('The lease is not signed by the owner.'));
  await reviewer.context.close();

  const notice = await inboxMessage(page, `Application ${number}: deficiencies to remove`);
  const due = notice.match(/by (\d{4}-\d{2}-\d{2})/)?.[1];
  assert.ok(due, notice);

  // The operator's page, only in the test environment; a date that is not one is named.
  const operator = await as(browser, 'operator');
  await operator.page.goto(`${baseUrl()}/test/deadlines`);
  assert.deepEqual(await seriousViolations(operator.page), []);
  await operator.page.evaluate(() => document.querySelector('#sweep-form').setAttribute('novalidate', ''));
  await operator.page.fill('#sweep-date', '');
  await operator.page.click('#sweep-submit');
  assert.match(await operator.page.textContent('#sweep-date-error'), /Enter a date in the format YYYY-MM-DD/);
  assert.deepEqual(await seriousViolations(operator.page), []);

  // On the last day itself the application still waits for the applicant.
  assert.match(await sweepAsOf(operator.page, due), new RegExp(`Deadlines checked as of ${due}`));
  await page.goto(caseUrl);
  assert.match(await page.textContent('#case-state'), /Deficiencies to remove/);

  // From the next day on the case moves by itself to the act, and the applicant can no longer
  // confirm or attach anything.
  const after = dayAfter(due);
  const swept = await sweepAsOf(operator.page, after);
  assert.match(swept, new RegExp(`Deadlines checked as of ${after}: [1-9]\\d* moved their case on`));
  assert.deepEqual(await seriousViolations(operator.page), []);
  await operator.context.close();

  await page.goto(caseUrl);
  assert.match(await page.textContent('#case-state'), /Deficiencies not removed in time, the act is being signed/);
  assert.equal(await page.locator('#act-submit_fixes').count(), 0, 'the deficiencies can no longer be confirmed');
  assert.equal(await page.locator('#file-ownership').count(), 0, 'nor documents attached');
  const fix = page.locator('#deadlines tbody tr').filter({ hasText: 'Time to remove the deficiencies' });
  assert.match(await fix.textContent(), /passed/);
  assert.match(await page.textContent('#timeline'), /Deficiencies to remove → Deficiencies not removed in time, the act is being signed\s*the system/);
  await inboxMessage(page, `Application ${number}: the time to remove the deficiencies has passed`);

  // The head signs the act leaving it unconsidered (LIC-5.5: the head or a delegated official).
  const head = await as(browser, 'lic-head');
  await act(head.page, caseId, 'leave_unconsidered');
  await signOnPhone(browser, head.page);
  assert.match(await head.page.textContent('#case-state'), /Left unconsidered/);
  await head.context.close();

  await page.goto(caseUrl);
  assert.match(await page.textContent('#case-state'), /Left unconsidered/);
  assert.ok(await page.isVisible('#closed'), 'the case is closed');
  const issued = page.locator('#issued tbody tr').filter({ hasText: 'Act leaving an application unconsidered' });
  assert.equal(await issued.count(), 1, 'the signed act is in the cabinet');
  assert.match(await issued.textContent(), /Valid/);
  assert.deepEqual(await seriousViolations(page), []);
  const unconsidered = await inboxMessage(page, `Application ${number} left unconsidered`);
  assert.match(unconsidered, /were not removed in time, so the application is left unconsidered/);
  await eventually(page, '/test/mailbox', `Application ${number} left unconsidered`);
  await eventually(page, '/test/sms', `Application ${number} left unconsidered`);

  // The act verifies with openssl against the test CA.
  const dir = await mkdtemp(join(tmpdir(), 'unconsidered-'));
  await page.goto(caseUrl);
  const pdf = await download(page, '#issued tbody tr:has-text("Act leaving an application unconsidered") a.document-pdf', dir);
  const p7s = await download(page, '#issued tbody tr:has-text("Act leaving an application unconsidered") a.document-signature', dir);
  const ca = join(dir, 'ca.pem');
  await writeFile(ca, await (await fetch(`${baseUrl()}/test/pki/ca.pem`)).text());
  const verified = await exitCode('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7s.path, '-content', pdf.path, '-CAfile', ca, '-out', '/dev/null']);
  assert.equal(verified.code, 0, verified.output);
  assert.match(await pdfText(pdf.path), /leaves application .* unconsidered/);
  await applicant.context.close();

  // The reviewer sees it closed too.
  const official = await as(browser, 'lic-reviewer');
  await official.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  assert.match(await official.page.textContent('#case-state'), /Left unconsidered/);
  assert.equal(await official.page.locator('#act-request_fixes').count(), 0);
  await official.context.close();
});
