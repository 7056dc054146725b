// The review of a licence application in a real browser: a notice of deficiencies answered by
// the applicant with a corrected document, the opinion of the relevant body asked through the
// portal, and a verification query about a doubtful document that leaves the deadline as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, eventually, launch, seriousViolations } from './browser.js';
import { act, applyForFireLicence, as, inboxMessage, literally, signOnPhone, unique } from './lic.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The deadlines table's rows as [name, due, status] triples. */
async function deadlines(page) {
  return page.locator('#deadlines tbody tr').evaluateAll((rows) => rows.map((row) => {
    const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent.trim());
    return [cells[0], cells[2], cells[3]];
  }));
}

// clause: LIC-5.2, LIC-5.3, LIC-5.4
test('a notice of deficiencies reaches the applicant with its deadline and consequence; the corrected document goes back under review', async () => {
  const applicant = await as(browser, 'applicant');
  const page = applicant.page;
  const { caseId, caseUrl, number } = await applyForFireLicence(page, unique('Bakı, Füzuli küçəsi 3'));

  // The reviewer sends the notice, with its reasons.
  const reasons = unique('The lease names another tenant; attach the lease signed with Xəzər Tikinti.');
  const reviewer = await as(browser, 'lic-reviewer');
  await act(reviewer.page, caseId, 'request_fixes', reasons);
  assert.match(await reviewer.page.textContent('#case-state'), /Deficiencies to remove/);
  await reviewer.context.close();

  // LIC-5.2: the applicant's notice says what to remove, by when, and what follows otherwise.
  const notice = await inboxMessage(page, `Application ${number}: deficiencies to remove`);
  assert.ok(notice.includes(reasons), `the notice gives the reasons: ${notice}`);
  assert.match(notice, /If they are not removed in time, the application will be left unconsidered\./);
  const due = notice.match(/by (\d{4}-\d{2}-\d{2})/)?.[1];
  assert.ok(due, `the notice names the last day: ${notice}`);
  await eventually(page, '/test/mailbox', `Application ${number}: deficiencies to remove`);
  await eventually(page, '/test/sms', `Application ${number}: remove the deficiencies by ${due}`);

  // The case shows the same deadline, running, and the review's paused.
  await page.goto(caseUrl);
  assert.match(await page.textContent('#case-state'), /Deficiencies to remove/);
  const rows = await deadlines(page);
  assert.ok(rows.some(([name, last, status]) => /Time to remove the deficiencies/.test(name) && last === due && status === 'running'), JSON.stringify(rows));
  assert.ok(rows.some(([name, , status]) => /Time to decide the application/.test(name) && status === 'paused'), JSON.stringify(rows));
  assert.match(await page.textContent('#timeline'), new RegExp(literally(reasons)));
  assert.deepEqual(await seriousViolations(page), []);

  // LIC-5.3: the corrected lease is attached on the case page, then confirmed.
  await page.setInputFiles('#file-ownership', { name: 'corrected-lease.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 corrected lease') });
  await page.click('form:has(#file-ownership) button');
  await page.waitForURL(caseUrl);
  const documents = page.locator('#documents tbody tr').filter({ hasText: 'corrected-lease.pdf' });
  assert.equal(await documents.count(), 1, 'the corrected lease is listed');
  assert.equal((await documents.locator('td:nth-child(2)').textContent()).trim(), '2', 'as the second version');
  await page.click('#act-submit_fixes');
  await page.waitForURL(caseUrl);
  // The confirmation counts once the applicant has signed it with the enhanced e-signature.
  assert.match(await page.textContent('#case-state'), /Deficiencies to remove/);
  assert.match(await page.textContent('#signing'), /Confirmation that the deficiencies are removed/);
  assert.deepEqual(await seriousViolations(page), []);
  await signOnPhone(browser, page, 'applicant');
  assert.match(await page.textContent('#case-state'), /Under review/);
  assert.match(await page.textContent('#issued'), /Confirmation that the deficiencies are removed/);
  assert.equal(await page.locator('#act-submit_fixes').count(), 0);
  const fixRow = (await deadlines(page)).find(([name]) => /Time to remove the deficiencies/.test(name));
  assert.equal(fixRow[2], 'met');

  // LIC-5.4: the registration of the corrections is notified.
  await inboxMessage(page, `Application ${number}: your corrections are registered`);
  await eventually(page, '/test/mailbox', `Application ${number}: your corrections are registered`);
  await applicant.context.close();

  // The reviewer has it back under review, with the corrected lease.
  const back = await as(browser, 'lic-reviewer');
  await back.page.goto(`${baseUrl()}/work`);
  const queued = back.page.locator('#queue tbody tr').filter({ has: back.page.locator(`a:text("${number}")`) });
  assert.match(await queued.textContent(), /Under review/);
  await back.page.click(`#queue a:text("${number}")`);
  assert.match(await back.page.textContent('#case-state'), /Under review/);
  assert.match(await back.page.textContent('#documents'), /corrected-lease\.pdf/);
  assert.deepEqual(await seriousViolations(back.page), []);
  await back.context.close();
});

// clause: LIC-5.6, LIC-5.7
test('the reviewer asks the Ministry of Emergency Situations; its answer at /work returns the case to the review with the opinion', async () => {
  const applicant = await as(browser, 'applicant');
  const { caseId, number } = await applyForFireLicence(applicant.page, unique('Gəncə, Atatürk prospekti 12'));
  await applicant.context.close();

  const reviewer = await as(browser, 'lic-reviewer');
  await act(reviewer.page, caseId, 'start_review');
  await act(reviewer.page, caseId, 'request_opinions');
  assert.match(await reviewer.page.textContent('#case-state'), /Awaiting the opinions of the relevant bodies/);
  assert.match(await reviewer.page.textContent('#opinions'), /Ministry of Emergency Situations/);
  assert.equal(await reviewer.page.locator('#opinion-form').count(), 0, 'the competent body does not answer its own request');

  // The body asked finds the case in its own queue and answers, a refusal with its reasons.
  const answer = unique('The emergency exit on the ground floor is blocked by shelving.');
  const rescuer = await as(browser, 'lic-opinion');
  await rescuer.page.goto(`${baseUrl()}/work`);
  await rescuer.page.click(`#asked a:text("${number}")`);
  await rescuer.page.waitForURL(`${baseUrl()}/work/cases/${caseId}`);
  assert.deepEqual(await seriousViolations(rescuer.page), []);
  await rescuer.page.check('#answer-refusal');
  await rescuer.page.fill('#opinion-text', answer);
  await rescuer.page.click('#give-opinion');
  await rescuer.page.waitForSelector('#opinions');
  await rescuer.page.goto(`${baseUrl()}/work`);
  assert.equal(await rescuer.page.locator(`#asked a:text("${number}")`).count(), 0, 'an answered request leaves the queue');
  await rescuer.context.close();

  // The case is back under review by itself; the reviewer reads the opinion.
  await reviewer.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  assert.match(await reviewer.page.textContent('#case-state'), /Under review/);
  const opinion = reviewer.page.locator('#opinions tbody tr').filter({ hasText: 'Ministry of Emergency Situations' });
  assert.match(await opinion.textContent(), new RegExp(literally(answer)));
  assert.match(await opinion.textContent(), /refus/i);
  assert.match(await reviewer.page.textContent('#timeline'), /Awaiting the opinions of the relevant bodies → Under review\s*the system/);
  assert.deepEqual(await seriousViolations(reviewer.page), []);
  await reviewer.context.close();
});

// clause: LIC-5.8
test('a verification query about the lease is answered by the body asked, and the review deadline does not move', async () => {
  const applicant = await as(browser, 'applicant');
  const { caseId, caseUrl, number } = await applyForFireLicence(applicant.page, unique('Şəki, M. F. Axundzadə küçəsi 8'));

  const reviewer = await as(browser, 'lic-reviewer');
  await act(reviewer.page, caseId, 'start_review');
  const before = await deadlines(reviewer.page);
  const review = before.find(([name]) => /Time to decide the application/.test(name));
  assert.ok(review, JSON.stringify(before));

  // A question without a body is named on the form.
  const question = unique('Is the lease of the premises registered with you, and is the fire-safety certificate attached to it genuine?');
  await reviewer.page.fill('#query-question', question);
  await reviewer.page.click('#send-query');
  assert.ok(await reviewer.page.isVisible('#query-body-error'), 'the missing body is named');
  assert.equal(await reviewer.page.getAttribute('#query-body', 'aria-invalid'), 'true');

  await reviewer.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  await reviewer.page.selectOption('#query-body', { label: 'Ministry of Emergency Situations' });
  await reviewer.page.selectOption('#query-slot', 'ownership');
  await reviewer.page.fill('#query-question', question);
  await reviewer.page.click('#send-query');
  await reviewer.page.waitForURL(new RegExp(`/work/cases/${caseId}`));
  const asked = reviewer.page.locator('#queries tbody tr').filter({ hasText: question });
  assert.equal(await asked.count(), 1);
  assert.match(await asked.locator('.query-status').textContent(), /Awaiting the answer/);
  assert.deepEqual(await seriousViolations(reviewer.page), []);

  // The applicant does not see the query.
  await applicant.page.goto(caseUrl);
  assert.equal(await applicant.page.locator('#queries').count(), 0);
  await applicant.context.close();

  // The body asked finds it in its queue and answers.
  const answer = unique('Lease no. 77 is registered; the certificate is genuine.');
  const rescuer = await as(browser, 'lic-opinion');
  await rescuer.page.goto(`${baseUrl()}/work`);
  await rescuer.page.click(`#queried a:text("${number}")`);
  await rescuer.page.waitForURL(new RegExp(`/work/cases/${caseId}`));
  assert.match(await rescuer.page.textContent('#queries'), new RegExp(literally(question)));
  assert.deepEqual(await seriousViolations(rescuer.page), []);
  await rescuer.page.fill('#queries textarea[name="answer"]', answer);
  await rescuer.page.click('#answer-query button[type="submit"]');
  // Once it has answered, the body asked no longer reads the case.
  await rescuer.page.waitForURL(new RegExp('/work$'));
  const gone = await rescuer.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  assert.equal(gone.status(), 404, 'the asked body loses the case once it has answered');
  await rescuer.context.close();

  // The reviewer reads the answer; the review deadline is exactly as before.
  await reviewer.page.goto(`${baseUrl()}/work/cases/${caseId}`);
  const answered = reviewer.page.locator('#queries tbody tr').filter({ hasText: question });
  assert.match(await answered.locator('.query-status').textContent(), /Answered/);
  assert.match(await answered.locator('.query-answer').textContent(), new RegExp(literally(answer)));
  const after = (await deadlines(reviewer.page)).find(([name]) => /Time to decide the application/.test(name));
  assert.deepEqual(after, review, 'the query does not stop or move the review deadline');
  assert.match(await reviewer.page.textContent('#case-state'), /Under review/);
  await reviewer.context.close();
});
