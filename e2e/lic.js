// Steps the Licences and Permits portal's browser tests share: applying for the fire-protection
// licence, an official's transition, the head's mobile signature confirmed on the test phone,
// the inbox, downloads and the real openssl.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { baseUrl, eventually, loggedIn } from './browser.js';

const run = promisify(execFile);

/** A text no other test's case carries: `label` and a random tag. */
export function unique(label) {
  return `${label} [${Math.random().toString(36).slice(2, 10)}]`;
}

/** Escapes `text` for a regular expression. */
export const literally = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `applicant` (a logged-in page) applies for the fire-protection licence with a lease PDF.
 * Returns the case id, its cabinet URL and its number.
 */
export async function applyForFireLicence(page, address) {
  await page.goto(`${baseUrl()}/services/lic.fire-protection/apply`);
  await page.fill('#f-activity_address', address);
  await page.selectOption('#f-activity_scope', 'sale');
  await page.click('#save');
  await page.waitForURL(/saved=1/);
  await page.setInputFiles('#file-ownership', { name: 'lease.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 lease') });
  await page.click('form:has(#file-ownership) button');
  await page.waitForSelector('#doc-ownership');
  await page.click('#submit');
  await page.waitForURL(/\/cabinet\/cases\/[^/?]+\?registered=1$/);
  const caseId = new URL(page.url()).pathname.split('/').pop();
  const number = (await page.textContent('#case-number')).trim();
  return { caseId, caseUrl: `${baseUrl()}/cabinet/cases/${caseId}`, number };
}

/** An official (a logged-in page) takes `transition` on the case, with `reason` if given. */
export async function act(page, caseId, transition, reason) {
  await page.goto(`${baseUrl()}/work/cases/${caseId}`);
  if (reason !== undefined) await page.fill(`#reason-${transition}`, reason);
  await page.click(`#act-${transition}`);
  await page.waitForURL(`${baseUrl()}/work/cases/${caseId}`);
}

/**
 * The head (a logged-in page showing the signing panel) signs with the mobile signature: the
 * request is confirmed on the head's test phone, then "Done".
 */
export async function signOnPhone(browser, page, login = 'lic-head') {
  assert.ok(await page.isVisible('#signing'), 'the signing panel is shown');
  const phones = await browser.newContext({ locale: 'en' });
  const phonePage = await phones.newPage();
  await phonePage.goto(`${baseUrl()}/test/phone`);
  const row = phonePage.locator('tbody tr').filter({ has: phonePage.locator('td:first-child', { hasText: new RegExp(`^${login}$`) }) });
  const phone = (await row.locator('td:nth-child(2)').textContent()).trim();
  const caseUrl = page.url();
  await page.click('#sign-mobile');
  const verification = (await page.textContent('#verification-code')).trim();
  await phonePage.goto(`${baseUrl()}/test/phone?phone=${encodeURIComponent(phone)}`);
  const prompt = phonePage.locator('article').filter({ has: phonePage.locator('.big-code', { hasText: verification }) });
  assert.equal(await prompt.count(), 1, `one prompt with the code ${verification}`);
  await prompt.locator('button[value="confirm"]').click();
  await phonePage.waitForURL(/\/test\/phone\?phone=/);
  await phones.close();
  await page.click('#sign-done');
  await page.waitForURL(caseUrl);
}

/** The inbox message whose subject contains `subject`, once delivered: its body's text. */
export async function inboxMessage(page, subject) {
  await eventually(page, '/cabinet/inbox', subject);
  const message = page.locator('#inbox li').filter({ has: page.locator('.message-subject', { hasText: subject }) });
  assert.equal(await message.count(), 1, `one message "${subject}"`);
  return message.locator('.message-body').textContent();
}

/** Downloads what clicking `selector` on the page sends, into `dir`. */
export async function download(page, selector, dir) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path };
}

/** Runs a command; resolves to its exit code (0 on success) and output. */
export async function exitCode(command, args) {
  try {
    const { stdout, stderr } = await run(command, args);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    return { code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

/** The text of a PDF, its white space collapsed. */
export async function pdfText(path) {
  return (await run('pdftotext', ['-layout', path, '-'])).stdout.replace(/\s+/g, ' ');
}

/** Logs in as `login` in a new English context (re-exported for the tests' brevity). */
export const as = (browser, login) => loggedIn(browser, login);

/**
 * A fire-protection licence issued to `applicant` (a logged-in page): reviewed, granted by the
 * head, paid through the test payment page, signed by the head on the phone. Returns the case.
 */
export async function issueFireLicence(browser, page, address) {
  const application = await applyForFireLicence(page, address);
  const { caseId, caseUrl } = application;
  const reviewer = await loggedIn(browser, 'lic-reviewer');
  await act(reviewer.page, caseId, 'start_review');
  await reviewer.context.close();
  const head = await loggedIn(browser, 'lic-head');
  await act(head.page, caseId, 'grant');
  const code = (await head.page.textContent('#payments .payment-code')).trim();
  await page.goto(caseUrl);
  await page.click(`#pay-${code}`);
  await page.waitForURL(`${baseUrl()}/test/pay/${code}`);
  await page.click('#pay-button');
  await page.waitForURL(caseUrl);
  await eventually(page, `/cabinet/cases/${caseId}`, 'Duty paid, the licence is being signed', '#case-state');
  await act(head.page, caseId, 'issue');
  await signOnPhone(browser, head.page);
  assert.match(await head.page.textContent('#case-state'), /Licence issued/);
  await head.context.close();
  await page.goto(caseUrl);
  const licence = (await page.textContent('#registry-link')).trim();
  return { ...application, licence };
}

/** The day after `date` (`YYYY-MM-DD`). */
export function dayAfter(date) {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
