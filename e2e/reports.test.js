// The registry's reports and open data in a real browser: the Ministry of Economy's tobacco
// officer opens the tobacco registry's reports, filters by an economic region and downloads the
// report as CSV; a visitor who is not logged in downloads the registry's open data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseUrl, launch, seriousViolations } from './browser.js';
import { as, download } from './lic.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// clause: TOB-3.2.3
test('the tobacco officer filters the registry report by region and downloads it as CSV', async () => {
  const officer = await as(browser, 'tob-officer');
  const page = officer.page;
  await page.goto(`${baseUrl()}/systems/tob`);
  await page.click('#system-reports');
  await page.waitForURL(`${baseUrl()}/work/reports/tob`);
  assert.ok(await page.locator('#report-table').count() > 0);
  assert.ok(await page.locator('#report-chart title').count() > 0, 'the chart is named');

  // The demo has a producer in Lankaran whose registration is suspended.
  await page.selectOption('#region', 'lenkeran-astara');
  await page.selectOption('#group', 'status');
  await page.click('#report-run');
  await page.waitForURL(/region=lenkeran-astara/);
  const suspended = Number(await page.textContent('#report-table tr[data-key="suspended"] td'));
  assert.ok(suspended >= 1, `suspended in Lankaran-Astara: ${suspended}`);
  const total = Number(await page.textContent('#report-total strong'));
  assert.ok(total >= suspended);
  assert.deepEqual(await seriousViolations(page), []);

  const dir = await mkdtemp(join(tmpdir(), 'pencere-reports-'));
  const file = await download(page, '#download-report-csv', dir);
  assert.equal(file.name, 'tob-report-status.csv');
  const bytes = await readFile(file.path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark for spreadsheets');
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines[0], 'Status,Entries,"Share, %"');
  assert.ok(lines.includes(`Suspended,${suspended},${(100 * suspended / total).toFixed(1)}`), lines.join('\n'));
  await officer.context.close();
});

// clause: TOB-9.1.1
test('a visitor downloads the tobacco registry as open data without logging in', async () => {
  const context = await browser.newContext({ locale: 'en', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/`);
  await page.click('#home-open-data a');
  await page.waitForURL(`${baseUrl()}/open-data`);
  assert.ok(Number(await page.getAttribute('#tob-registry [data-count]', 'data-count')) >= 3);
  assert.deepEqual(await seriousViolations(page), []);
  const dir = await mkdtemp(join(tmpdir(), 'pencere-open-data-'));
  const file = await download(page, '#tob-registry-csv', dir);
  const csv = (await readFile(file.path, 'utf8')).split('\r\n');
  assert.equal(csv[0], 'number,name,voen,service,region,activity,cigarettes,status,registered_on,changed_at');
  assert.ok(csv.some((line) => line.includes(',lenkeran-astara,import_and_production,no,suspended,')), csv.join('\n'));
  const json = await (await page.request.get(`${baseUrl()}/open-data/tob-registry/data.json`)).json();
  assert.equal(json.dataset, 'tob-registry');
  assert.ok(json.records.every((record) => !('holder_user_id' in record) && !('case_id' in record)));
  await context.close();
});
