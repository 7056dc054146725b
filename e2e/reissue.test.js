// Re-issue of a licence in a real browser: the holder of a licence issued by the full flow asks
// for its re-issue with a new address, naming the licence; the head signs the re-issue on the
// phone; the public registry entry carries the new address and the re-issue in its history, and
// the old licence's verification page says it is superseded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, seriousViolations } from './browser.js';
import { act, as, inboxMessage, issueFireLicence, literally, signOnPhone, unique } from './lic.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// clause: LIC-1.2, LIC-6.6
test('the holder has a licence re-issued with a new address: signed by the head, the registry entry changes under its number and the old licence is superseded', async () => {
  const holder = await as(browser, 'applicant');
  const page = holder.page;
  const oldAddress = unique('Şirvan, Cəlil Məmmədquluzadə küçəsi 14');
  const { licence } = await issueFireLicence(browser, page, oldAddress);

  // The licence as the public registry shows it before: its first act's verification code.
  const publicContext = await browser.newContext({ locale: 'en' });
  const visitor = await publicContext.newPage();
  await visitor.goto(`${baseUrl()}/registry/${licence}`);
  assert.match(await visitor.textContent('main'), new RegExp(literally(oldAddress)));
  const oldCode = (await visitor.locator('#history tr[data-kind="issued"] a[href^="/verify/"]').textContent()).trim();

  // The application names the licence; a licence the holder does not hold is named on the form.
  const newAddress = unique('Şirvan, Heydər Əliyev prospekti 7');
  await page.goto(`${baseUrl()}/services/lic.reissue/apply`);
  await page.fill('#f-licence', 'LIC-ECONOMY-999999');
  await page.selectOption('#f-change', 'address');
  await page.fill('#f-activity_address', newAddress);
  await page.click('#save');
  await page.waitForURL(/saved=1/);
  await page.setInputFiles('#file-change_proof', { name: 'address.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 new address') });
  await page.click('form:has(#file-change_proof) button');
  await page.waitForSelector('#doc-change_proof');
  await page.click('#submit');
  assert.match(await page.textContent('#f-licence-error'), /No licence in force with this number is held by you/);
  assert.equal(await page.locator('#problems a[href="#f-licence"]').count(), 1);
  assert.deepEqual(await seriousViolations(page), []);
  await page.fill('#f-licence', licence);
  await page.click('#submit');
  await page.waitForURL(/\/cabinet\/cases\/[^/?]+\?registered=1$/);
  const caseId = new URL(page.url()).pathname.split('/').pop();
  const number = (await page.textContent('#case-number')).trim();
  assert.deepEqual(await seriousViolations(page), []);

  // It goes to the body that issued the licence; nothing changes before the head signs.
  const head = await as(browser, 'lic-head');
  await head.page.goto(`${baseUrl()}/work`);
  assert.equal(await head.page.locator(`a[href^="/work/cases/${caseId}"]`).count() > 0, true, 'in the issuing body\'s queue');
  await act(head.page, caseId, 'reissue');
  await visitor.goto(`${baseUrl()}/registry/${licence}`);
  assert.ok((await visitor.textContent('main')).includes(oldAddress), 'the old address until the signature');
  await signOnPhone(browser, head.page);
  assert.match(await head.page.textContent('#case-state'), /Licence re-issued/);
  await head.context.close();

  // The re-issued licence is in the holder's cabinet, and the holder is told.
  await page.goto(`${baseUrl()}/cabinet/cases/${caseId}`);
  assert.match(await page.textContent('#case-state'), /Licence re-issued/);
  await inboxMessage(page, `Application ${number}: your document is issued`);
  await holder.context.close();

  // The public entry keeps its number and shows the new address and the re-issue.
  await visitor.goto(`${baseUrl()}/registry/${licence}`);
  assert.equal(await visitor.getAttribute('#entry-status', 'data-status'), 'active');
  const entry = await visitor.textContent('main');
  assert.ok(entry.includes(newAddress), 'the new address');
  assert.ok(!entry.includes(oldAddress), 'the old address is gone from the entry');
  const reissued = visitor.locator('#history tr[data-kind="reissued"]');
  assert.equal(await reissued.count(), 1);
  assert.match(await reissued.textContent(), /Re-issued/);
  const newCode = (await reissued.locator('a[href^="/verify/"]').textContent()).trim();
  assert.notEqual(newCode, oldCode);
  assert.deepEqual(await seriousViolations(visitor), []);

  // The old licence is superseded; the re-issued one is valid.
  await visitor.goto(`${baseUrl()}/verify/${oldCode}`);
  assert.equal(await visitor.getAttribute('#verify-status', 'data-status'), 'superseded');
  assert.match(await visitor.textContent('#verify-status'), /Superseded/);
  assert.deepEqual(await seriousViolations(visitor), []);
  await visitor.goto(`${baseUrl()}/verify/${newCode}`);
  assert.equal(await visitor.getAttribute('#verify-status', 'data-status'), 'valid');
  assert.match(await visitor.textContent('#verify-document'), /re-issued/i);
  await publicContext.close();
});
