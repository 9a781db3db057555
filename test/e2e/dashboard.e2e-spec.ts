import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedCity } from '../../apps/api/src/cli/seed/seed.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Where browser tests leave what a person would look at (the screenshot the README shows). */
const OUTPUT = join(process.cwd(), 'test-output');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** How long a page may take to load its reports on a machine busy with other test runs. */
const LOAD_MS = 60_000;

/** The dashboard in headless Chromium over a seeded city: its figures are the API's, for each role. */
describe('the dashboard page', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    // Before the seed, which sends its commands to the port the app listens on.
    await t.app.listen(0, '127.0.0.1');
    await seedCity(t.app, { households: 120, seed: 5 });
    expect(await t.runner.settle(60_000)).toBe(true);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function open(token: string, filters: { kecamatan?: string; programme?: string } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1500 } });
    await page.goto(`${base}/dashboard`);
    await page.fill('#token', token);
    await page.fill('#year', '2026');
    if (filters.kecamatan) {
      // The kecamatan list fills from the city-wide figures of a first load.
      await page.click('#load');
      // Selectors, not waitForFunction: its polling evaluates strings, which the page's CSP forbids.
      await page.waitForSelector('body[data-state="ready"]', { state: 'attached', timeout: LOAD_MS });
      await page.selectOption('#kecamatan', filters.kecamatan);
      await page.evaluate("document.body.dataset.state = ''");
    }
    if (filters.programme) await page.selectOption('#programme', filters.programme);
    await page.click('#load');
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', {
      state: 'attached',
      timeout: LOAD_MS,
    });
    expect(await page.evaluate('document.body.dataset.state')).toBe('ready');
    return page;
  }
  const figure = async (page: Page, name: string) =>
    page.locator(`[data-figure="${name}"]`).first().getAttribute('data-value');

  it("shows a reporter the API's figures for the year, and writes a screenshot", async () => {
    const reporter = await t.token('reporter');
    const page = await open(reporter);
    const api = async (path: string, query: Record<string, string>) =>
      (await t.http.get(path).query(query).set(auth(reporter)).expect(200)).body;
    const target = await api('/api/v1/reports/poverty-target', { year: '2026' });
    const outcomes = await api('/api/v1/reports/programme-outcomes', { from: '2026-01', to: '2026-12' });
    const kpis = await api('/api/v1/reports/kpis', { from: '2026-01', to: '2026-12' });
    const invited = kpis.trainingFunnel.reduce((n: number, r: { invited: number }) => n + r.invited, 0);
    expect({
      net: await figure(page, 'net-persons'),
      progress: await figure(page, 'progress'),
      citySpent: await figure(page, 'city-spent'),
      allocation: await figure(page, 'allocation'),
      disbursed: await figure(page, 'disbursed'),
      exits: await figure(page, 'exits'),
      reentries: await figure(page, 'reentries'),
      invited: await figure(page, 'invited'),
      onTime: await figure(page, 'pkh-on-time'),
    }).toEqual({
      net: String(target.current.netPersonsExited),
      progress: String(target.progressPercent),
      citySpent: String(target.budget.citySpentRupiah),
      allocation: String(target.budget.allocationRupiah),
      disbursed: String(target.budget.spentByProgrammeRupiah.pkh),
      exits: String(outcomes.totals.exits.approved),
      reentries: String(outcomes.totals.exits.reentered),
      invited: String(invited),
      onTime: String(kpis.pkhVerification.onTimePercent),
    });
    expect(Number(await figure(page, 'exits'))).toBeGreaterThan(0);
    // Every chart drew on its canvas.
    expect(await page.locator('.chart canvas').count()).toBe(6);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'dashboard.png'), fullPage: true });
    await page.close();
  });

  it("narrows to a kecamatan with the API's figures for it", async () => {
    const reporter = await t.token('reporter');
    const page = await open(reporter, { kecamatan: 'Bekasi Utara' });
    const outcomes = (
      await t.http
        .get('/api/v1/reports/programme-outcomes')
        .query({ from: '2026-01', to: '2026-12', kecamatan: 'Bekasi Utara' })
        .set(auth(reporter))
        .expect(200)
    ).body;
    expect(await figure(page, 'exits')).toBe(String(outcomes.totals.exits.approved));
    await page.close();
  });

  it("keeps a programme's sections and the city-wide ones when a programme is chosen", async () => {
    const supervisor = await t.token('supervisor', 'sv-dashboard');
    const pkh = await open(supervisor, { programme: 'pkh' });
    expect(await pkh.locator('#training').isVisible()).toBe(false);
    for (const section of ['target', 'exits', 'budget', 'kpis'])
      expect(await pkh.locator(`#${section}`).isVisible()).toBe(true);
    await pkh.close();
    const training = await open(supervisor, { programme: 'training' });
    expect(await training.locator('#training').isVisible()).toBe(true);
    await training.close();
  });

  it('tells a caseworker, who may not read the reports, that they are not available', async () => {
    const page = await open(await t.token('caseworker', 'cw-dashboard'));
    for (const section of ['target', 'budget', 'exits', 'training', 'kpis'])
      expect(await page.locator(`#${section}`).getAttribute('data-state')).toBe('denied');
    expect(await figure(page, 'exits')).toBeNull();
    await page.close();
  });
});
