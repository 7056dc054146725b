// The portal's participants in a real browser: a body's official registers an integrated system
// and its compliance information, the operator accepts it; the official announces planned work
// (too soon is refused, naming the earliest day), and the banner shows it on the system's pages;
// the operator warns the participant. The Ministry of Digital Development and Transport is used,
// so the Ministry of Economy's officials other tests use are never touched; no suspension is
// left in force (other files log in as the demo's officials).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, eventually, launch, seriousViolations } from './browser.js';
import { as, literally, unique } from './lic.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Baku's today, `YYYY-MM-DD`. */
function bakuToday() {
  return new Date(Date.now() + 4 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The day `days` after `date` (`YYYY-MM-DD`). */
function plusDays(date, days) {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

/** The operator lifts the participant's suspension if one is in force (a safety net). */
async function liftAnySuspension(code) {
  const operator = await as(browser, 'operator');
  await operator.page.goto(`${baseUrl()}/admin/participants/${code}`);
  if (await operator.page.locator('#lift-reason').count()) {
    await operator.page.fill('#lift-reason', 'Lifted by the browser test that suspended it.');
    await operator.page.click('form[action$="/lift"] button');
  }
  await operator.context.close();
}

// clause: LIC-9.1.1
test('a participant registers an integrated system and submits its compliance; the operator accepts it', async () => {
  const official = await as(browser, 'digital-head');
  const page = official.page;
  await page.goto(`${baseUrl()}/work/participant`);
  assert.match(await page.textContent('h1'), /Ministry of Digital Development and Transport/);
  assert.deepEqual(await seriousViolations(page), []);

  // A missing name is named under its field.
  const name = unique('Spectrum licensing register');
  await page.selectOption('#system-portal', 'lic');
  await page.fill('#system-purpose', 'Sends the data-transmission licences issued to the spectrum register.');
  await page.fill('#system-endpoint', 'https://spectrum.digital.example.az/api');
  await page.fill('#system-contact', 'integration@digital.example.az');
  await page.click('form[action="/work/participant/systems"] button');
  assert.match(await page.textContent('#system-name-error'), /Fill this in/);
  assert.equal(await page.getAttribute('#system-name', 'aria-invalid'), 'true');
  assert.deepEqual(await seriousViolations(page), []);
  await page.selectOption('#system-portal', 'lic');
  await page.fill('#system-name', name);
  await page.fill('#system-purpose', 'Sends the data-transmission licences issued to the spectrum register.');
  await page.fill('#system-endpoint', 'https://spectrum.digital.example.az/api');
  await page.fill('#system-contact', 'integration@digital.example.az');
  await page.click('form[action="/work/participant/systems"] button');
  await page.waitForURL(`${baseUrl()}/work/participant`);
  const card = page.locator('article[data-system]').filter({ has: page.locator('h3', { hasText: name }) });
  assert.equal(await card.count(), 1);
  const id = await card.getAttribute('data-system');
  assert.match(await card.locator('dd[data-status]').textContent(), /not submitted/);

  // The compliance information, as of today.
  const statement = unique('Meets the technical requirements: TLS 1.3, mutual certificates, 99.5% availability.');
  assert.equal(await page.inputValue(`#on-${id}`), bakuToday());
  await page.fill(`#statement-${id}`, statement);
  await card.locator('form button[type="submit"]').click();
  await page.waitForURL(`${baseUrl()}/work/participant`);
  assert.equal(await page.locator(`article[data-system="${id}"] dd[data-status]`).getAttribute('data-status'), 'submitted');

  // The operator sees it among the participants and accepts it.
  const operator = await as(browser, 'operator');
  await operator.page.goto(`${baseUrl()}/admin/participants`);
  const row = operator.page.locator('section[aria-labelledby="participant-digital"] tbody tr').filter({ hasText: name });
  assert.equal(await row.locator('td[data-status]').getAttribute('data-status'), 'submitted');
  assert.deepEqual(await seriousViolations(operator.page), []);
  await operator.page.click('#participant-digital a');
  await operator.page.waitForURL(`${baseUrl()}/admin/participants/digital`);
  const submitted = operator.page.locator(`article[data-system="${id}"]`);
  assert.match(await submitted.textContent(), new RegExp(literally(statement)));
  assert.deepEqual(await seriousViolations(operator.page), []);
  const answer = unique('Accepted; the certificates are on file.');
  await operator.page.fill(`#answer-${id}`, answer);
  await submitted.locator('button[value="accept"]').click();
  await operator.page.waitForURL(`${baseUrl()}/admin/participants/digital`);
  assert.equal(await operator.page.locator(`article[data-system="${id}"] dd[data-status]`).getAttribute('data-status'), 'accepted');
  await operator.context.close();

  // The participant sees the decision and the answer.
  await page.goto(`${baseUrl()}/work/participant`);
  const accepted = page.locator(`article[data-system="${id}"]`);
  assert.equal(await accepted.locator('dd[data-status]').getAttribute('data-status'), 'accepted');
  assert.match(await accepted.textContent(), new RegExp(literally(answer)));
  await official.context.close();
});

// clause: LIC-9.1.6
test('planned work announced too soon is refused naming the earliest day; announced in time, it is on the banner of the system\'s pages and the maintenance page', async () => {
  const official = await as(browser, 'digital-head');
  const page = official.page;
  await page.goto(`${baseUrl()}/work/participant`);
  const name = unique('Numbering resources register');
  await page.selectOption('#system-portal', 'lic');
  await page.fill('#system-name', name);
  await page.fill('#system-purpose', 'Receives the numbering resources of data-transmission licences.');
  await page.fill('#system-endpoint', 'https://numbering.digital.example.az/api');
  await page.fill('#system-contact', '+994 12 000 00 00');
  await page.click('form[action="/work/participant/systems"] button');
  await page.waitForURL(`${baseUrl()}/work/participant`);
  const id = await page.locator('article[data-system]').filter({ has: page.locator('h3', { hasText: name }) }).getAttribute('data-system');
  assert.match(await page.textContent('section[aria-labelledby="maintenance-heading"]'), /at least 2 working days ahead/);

  // Tomorrow is too soon: the field's message names the earliest day.
  const description = unique('Replacing the database server; the register answers no requests.');
  const tomorrow = plusDays(bakuToday(), 1);
  await page.selectOption('#maintenance-system', id);
  await page.selectOption('#maintenance-kind', 'repair');
  await page.fill('#maintenance-starts_at', `${tomorrow}T10:00`);
  await page.fill('#maintenance-ends_at', `${tomorrow}T12:00`);
  await page.fill('#maintenance-description', description);
  await page.click('form[action="/work/participant/maintenance"] button');
  const refusal = await page.textContent('#maintenance-starts_at-error');
  const earliest = refusal.match(/may start on (\d{4}-\d{2}-\d{2}) at the earliest/)?.[1];
  assert.ok(earliest, refusal);
  assert.match(refusal, /at least 2 working days ahead/);
  assert.ok(earliest > tomorrow, `the earliest day ${earliest} is after tomorrow`);
  assert.equal(await page.getAttribute('#maintenance-starts_at', 'aria-invalid'), 'true');
  assert.deepEqual(await seriousViolations(page), []);
  await page.goto(`${baseUrl()}/maintenance`);
  assert.ok(!(await page.textContent('main')).includes(description), 'nothing was announced');

  // From the earliest day on it is accepted.
  await page.goto(`${baseUrl()}/work/participant`);
  await page.selectOption('#maintenance-system', id);
  await page.selectOption('#maintenance-kind', 'repair');
  await page.fill('#maintenance-starts_at', `${earliest}T10:00`);
  await page.fill('#maintenance-ends_at', `${earliest}T14:00`);
  await page.fill('#maintenance-description', description);
  await page.click('form[action="/work/participant/maintenance"] button');
  await page.waitForURL(`${baseUrl()}/work/participant`);
  assert.match(await page.textContent('section[aria-labelledby="maintenance-heading"]'), new RegExp(literally(description)));
  await official.context.close();

  // Anyone sees it on the banner of the licence portal's pages, and on the maintenance page.
  const context = await browser.newContext({ locale: 'en' });
  const visitor = await context.newPage();
  for (const path of ['/systems/lic', '/services/lic.data-transmission', '/services/lic.fire-protection']) {
    await visitor.goto(`${baseUrl()}${path}`);
    const line = visitor.locator('.outage-banner li').filter({ hasText: description });
    assert.equal(await line.count(), 1, `the banner on ${path}`);
    assert.match(await line.textContent(), new RegExp(`Planned:[\\s\\S]*Repair work — ${literally(name)}: ${earliest} 10:00 – ${earliest} 14:00`));
    assert.deepEqual(await seriousViolations(visitor), [], path);
  }
  await visitor.goto(`${baseUrl()}/systems/tob`);
  assert.equal(await visitor.locator('.outage-banner li').filter({ hasText: description }).count(), 0, 'not on another system\'s pages');
  await visitor.goto(`${baseUrl()}/maintenance`);
  const listed = visitor.locator('#maintenance tbody tr').filter({ hasText: description });
  assert.equal(await listed.count(), 1);
  assert.match(await listed.textContent(), new RegExp(literally(name)));
  assert.match(await listed.textContent(), new RegExp(`${earliest} 10:00`));
  assert.deepEqual(await seriousViolations(visitor), []);
  await context.close();

  // The operator is told (in the operator's language, Azerbaijani).
  const operator = await as(browser, 'operator');
  await eventually(operator.page, '/cabinet/inbox', `Planlaşdırılan iş elan edilib: ${name}`);
  await operator.context.close();
});

// clause: LIC-8.0.9
test('the operator warns a participant with a reason and a date; the participant sees it, and no suspension comes before that date', async () => {
  try {
    const operator = await as(browser, 'operator');
    const page = operator.page;
    await page.goto(`${baseUrl()}/admin/participants/digital`);
    assert.deepEqual(await seriousViolations(page), []);
    const reason = unique('The register did not answer the portal\'s requests for three days without an announcement.');

    // The date must come after today.
    await page.fill('#warn-reason', reason);
    await page.fill('#warn-due', bakuToday());
    await page.click('form[action$="/warn"] button');
    assert.match(await page.textContent('#warn-due-error'), /The date must be after today/);
    assert.deepEqual(await seriousViolations(page), []);

    const due = plusDays(bakuToday(), 10);
    await page.fill('#warn-reason', reason);
    await page.fill('#warn-due', due);
    await page.click('form[action$="/warn"] button');
    await page.waitForURL(`${baseUrl()}/admin/participants/digital`);
    const warning = page.locator('#measures tr[data-kind="warning"]').filter({ hasText: reason });
    assert.equal(await warning.count(), 1);
    assert.match(await warning.textContent(), new RegExp(due));

    // Suspension waits for the warning's date: refused now, with the reason named.
    await page.fill('#suspend-reason', unique('The shortcomings were not removed.'));
    await page.click('form[action$="/suspend"] button');
    assert.match(await page.textContent('#suspend-reason-error'), /only a warning whose date has passed/);
    assert.equal(await page.locator('#suspension').count(), 0, 'not suspended');
    assert.deepEqual(await seriousViolations(page), []);
    await operator.context.close();

    // The participant's officials are told (in their language, Azerbaijani) and see the warning on
    // their page; they keep working.
    const official = await as(browser, 'digital-head');
    await eventually(official.page, '/cabinet/inbox', reason);
    const message = official.page.locator('#inbox li').filter({ hasText: reason });
    assert.match(await message.locator('.message-subject').textContent(), /Portal operatorundan xəbərdarlıq/);
    assert.match(await message.textContent(), new RegExp(due));
    await official.page.goto(`${baseUrl()}/work/participant`);
    assert.equal(await official.page.locator('#measures tr[data-kind="warning"]').filter({ hasText: reason }).count(), 1);
    assert.equal(await official.page.locator('#warn-reason').count(), 0, 'the participant does not warn');
    const work = await official.page.goto(`${baseUrl()}/work`);
    assert.equal(work.status(), 200, 'a warning suspends nothing');
    await official.context.close();
  } finally {
    await liftAnySuspension('digital');
  }
});
