// A paper copy of an issued licence in a real browser: the holder asks for it on the case page,
// the issuing body finds the request in its queue and records the hand-over, the holder is told.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, seriousViolations } from './browser.js';
import { as, inboxMessage, issueFireLicence, literally, unique } from './lic.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// clause: LIC-6.2
test('the holder of an issued licence asks for a paper copy; the body records the hand-over and the holder sees it handed over', async () => {
  const holder = await as(browser, 'applicant');
  const page = holder.page;
  const { caseId, caseUrl, licence } = await issueFireLicence(browser, page, unique('Mingəçevir, Heydər Əliyev prospekti 21'));

  // The holder asks, for direct use in foreign trade, saying how to receive it.
  await page.goto(caseUrl);
  assert.ok(await page.isVisible('#request-paper'), 'the holder may ask for a paper copy');
  assert.deepEqual(await seriousViolations(page), []);
  const how = unique('I will collect it at the ministry on Monday.');
  await page.check('#ground-foreign_trade');
  await page.fill('#paper-note', how);
  await page.click('#ask-paper');
  await page.waitForURL(new RegExp(`/cabinet/cases/${caseId}`));
  const asked = page.locator('#paper-copies tbody tr').filter({ hasText: how });
  assert.equal(await asked.count(), 1);
  assert.match(await asked.locator('.paper-status').textContent(), /Being prepared/);
  assert.match(await asked.textContent(), /For direct use in foreign economic activity/);
  assert.equal(await page.locator('#hand-over').count(), 0, 'the holder does not record the hand-over');

  // The issuing body sees the request in its queue and records the hand-over.
  const reviewer = await as(browser, 'lic-reviewer');
  await reviewer.page.goto(`${baseUrl()}/work`);
  const queued = reviewer.page.locator(`#papers a[href^="/work/cases/${caseId}"]`);
  assert.equal(await queued.count(), 1, 'the request is in the queue');
  assert.deepEqual(await seriousViolations(reviewer.page), []);
  await queued.click();
  await reviewer.page.waitForURL(new RegExp(`/work/cases/${caseId}`));
  const handed = unique('Handed to Rəşad Məmmədov in person, receipt no. 41.');
  const row = reviewer.page.locator('#paper-copies tbody tr').filter({ hasText: how });
  await row.locator('input[name="handed_note"]').fill(handed);
  assert.deepEqual(await seriousViolations(reviewer.page), []);
  await row.locator('button[type="submit"]').click();
  await reviewer.page.waitForURL(new RegExp(`/work/cases/${caseId}`));
  assert.match(await reviewer.page.locator('#paper-copies tbody tr').filter({ hasText: how }).locator('.paper-status').textContent(), /Handed over/);
  await reviewer.page.goto(`${baseUrl()}/work`);
  assert.equal(await reviewer.page.locator(`#papers a[href^="/work/cases/${caseId}"]`).count(), 0, 'a handed-over copy leaves the queue');
  await reviewer.context.close();

  // The holder is told and sees it handed over, with how.
  const notice = await inboxMessage(page, `Licence ${licence}: the paper copy was handed over`);
  assert.ok(notice.includes(handed), notice);
  await page.goto(caseUrl);
  const done = page.locator('#paper-copies tbody tr').filter({ hasText: how });
  assert.match(await done.locator('.paper-status').textContent(), /Handed over/);
  assert.match(await done.textContent(), new RegExp(literally(handed)));
  await holder.context.close();
});
