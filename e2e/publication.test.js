// The published information of the Law's article 12.2 in a real browser: the licensing body's
// head submits an update of a licence's conditions, the operator publishes it, and the public
// service page shows the new text with its version and history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, eventually, launch, seriousViolations } from './browser.js';
import { as, literally, unique } from './lic.js';

const SERVICE = 'lic.pharmacy-retail';
const SERVICE_NAME = 'Licence for pharmaceutical activity (retail of medicines)';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// clause: LIC-7.4, LIC-9.2.2, LIC-8.0.12
test('the body submits an update of the published information, the operator publishes it, and the public page shows it', async () => {
  const visitor = await browser.newContext({ locale: 'en' });
  const publicPage = await visitor.newPage();
  await publicPage.goto(`${baseUrl()}/services/${SERVICE}`);
  const versionsBefore = await publicPage.locator('#information-history tbody tr').count();
  assert.equal(await publicPage.locator('#information-edit').count(), 0, 'the public does not edit');

  // The head of the competent body submits new licence conditions, in all three languages.
  const conditions = {
    en: unique('The pharmacy has at least 60 m² of floor space and a pharmacist on duty during opening hours.'),
    az: unique('Aptekin sahəsi ən azı 60 m² olmalı, iş saatlarında növbətçi əczaçı olmalıdır.'),
    ru: unique('Площадь аптеки не менее 60 м², в часы работы присутствует дежурный фармацевт.'),
  };
  const note = unique('The minimum floor space was raised.');
  const head = await as(browser, 'lic-head');
  await head.page.goto(`${baseUrl()}/services/${SERVICE}`);
  await head.page.click('#information-edit');
  await head.page.waitForURL(`${baseUrl()}/services/${SERVICE}/information/edit`);
  assert.deepEqual(await seriousViolations(head.page), []);
  // A change without a word of what changed is named on the form.
  await head.page.fill('#f-conditions_en', conditions.en);
  await head.page.fill('#f-note', '');
  await head.page.click('form[action$="/information/edit"] button[type="submit"]');
  assert.equal(await head.page.getAttribute('#f-note', 'aria-invalid'), 'true');
  assert.ok(await head.page.isVisible('#f-note-error'));
  assert.equal(await head.page.inputValue('#f-conditions_en'), conditions.en, 'what was typed is kept');
  assert.deepEqual(await seriousViolations(head.page), []);
  for (const [lang, text] of Object.entries(conditions)) await head.page.fill(`#f-conditions_${lang}`, text);
  await head.page.fill('#f-note', note);
  await head.page.click('form[action$="/information/edit"] button[type="submit"]');
  await head.page.waitForURL(/\/information\/edit\?sent=1$/);
  assert.ok(await head.page.isVisible('#sent'));
  const submitted = head.page.locator('#submissions tbody tr').filter({ hasText: note });
  assert.match(await submitted.textContent(), /Awaiting the operator/);

  // Until the operator publishes it the public text stays as it was.
  await publicPage.goto(`${baseUrl()}/services/${SERVICE}`);
  assert.ok(!(await publicPage.textContent('#information')).includes(conditions.en));

  // The operator reviews the update, the changed section marked, and publishes it.
  const operator = await as(browser, 'operator');
  await operator.page.goto(`${baseUrl()}/admin/publications`);
  const item = operator.page.locator('article[id^="pending-"]').filter({ hasText: note });
  assert.equal(await item.count(), 1);
  assert.match(await item.textContent(), new RegExp(literally(conditions.en)));
  assert.match(await item.textContent(), /changed/);
  assert.deepEqual(await seriousViolations(operator.page), []);
  await item.locator('form[action$="/publish"] button').click();
  await operator.page.waitForURL(`${baseUrl()}/admin/publications`);
  assert.equal(await operator.page.locator('article[id^="pending-"]').filter({ hasText: note }).count(), 0);
  await operator.context.close();

  // The public page shows the new text, the new version with its note, in each language.
  await publicPage.goto(`${baseUrl()}/services/${SERVICE}`);
  assert.match(await publicPage.textContent('#information'), new RegExp(literally(conditions.en)));
  const versions = publicPage.locator('#information-history tbody tr');
  assert.equal(await versions.count(), versionsBefore + 1);
  assert.match(await versions.filter({ hasText: note }).textContent(), new RegExp(`^\\s*${versionsBefore + 1}`));
  assert.match(await publicPage.textContent('#information-updated'), new RegExp(`version ${versionsBefore + 1}`));
  assert.deepEqual(await seriousViolations(publicPage), []);
  for (const lang of ['az', 'ru']) {
    await publicPage.goto(`${baseUrl()}/lang/${lang}?next=/services/${SERVICE}`);
    assert.match(await publicPage.textContent('#information'), new RegExp(literally(conditions[lang])));
  }
  await visitor.close();

  // The body is told (by this version's number: the same server may publish the service again).
  const told = `The operator published your body's update of the information on “${SERVICE_NAME}” as version ${versionsBefore + 1}.`;
  await eventually(head.page, '/cabinet/inbox', told);
  const message = head.page.locator('#inbox li').filter({ hasText: told });
  assert.match(await message.locator('.message-subject').textContent(), new RegExp(`Information on “${literally(SERVICE_NAME)}.*” published`));
  await head.context.close();
});
