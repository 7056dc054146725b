// An application whose deficiencies were not removed in time, in a real browser. The server's
// clock cannot be moved, so the operator runs the deadline sweep as of a later date on the test
// environment's page /test/deadlines. This file sorts last on purpose: the sweep expires every
// deadline due before that date, other tests' leftovers included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, seriousViolations } from './browser.js';
import { act, applyForFireLicence, as, dayAfter, inboxMessage, unique } from './lic.js';

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
test('deficiencies not removed by the last day leave the application unconsidered by itself, and the applicant is told', async () => {
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

  // From the next day on it is left unconsidered, by the system.
  const after = dayAfter(due);
  const swept = await sweepAsOf(operator.page, after);
  assert.match(swept, new RegExp(`Deadlines checked as of ${after}: [1-9]\\d* moved their case on`));
  assert.deepEqual(await seriousViolations(operator.page), []);
  await operator.context.close();

  await page.goto(caseUrl);
  assert.match(await page.textContent('#case-state'), /Left unconsidered/);
  assert.ok(await page.isVisible('#closed'), 'the case is closed');
  assert.equal(await page.locator('#act-submit_fixes').count(), 0, 'the deficiencies can no longer be confirmed');
  assert.equal(await page.locator('#file-ownership').count(), 0, 'nor documents attached');
  const fix = page.locator('#deadlines tbody tr').filter({ hasText: 'Time to remove the deficiencies' });
  assert.match(await fix.textContent(), /passed/);
  assert.match(await page.textContent('#timeline'), /Deficiencies to remove → Left unconsidered\s*the system/);
  assert.deepEqual(await seriousViolations(page), []);

  const unconsidered = await inboxMessage(page, `Application ${number} left unconsidered`);
  assert.match(unconsidered, /were not removed in time, so the application is left unconsidered/);
  await applicant.context.close();

  // The reviewer sees it closed too.
  const official = await as(browser, 'lic-reviewer');
  await official.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  assert.match(await official.page.textContent('#case-state'), /Left unconsidered/);
  assert.equal(await official.page.locator('#act-request_fixes').count(), 0);
  await official.context.close();
});
