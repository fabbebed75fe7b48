// Lighthouse 12.2.3 on the dashboard, for the side-by-side check of the browser gate (benchmarks/browser-vs-lighthouse.sh):
// Debian's Chromium through puppeteer-core, the desktop preset without throttling; the key is typed once (as the gate does)
// and the storage kept, then the page is measured in N navigations. Prints JSON: each navigation's LCP and console errors.
// Usage: LH_KEY=<key> node compare.mjs <dashboard URL> <navigations>
import puppeteer from 'puppeteer-core';
import { startFlow, desktopConfig } from 'lighthouse';

const [url, runs = '5'] = process.argv.slice(2);
const key = process.env.LH_KEY;
if (!url || !key) {
  console.error('usage: LH_KEY=<key> node compare.mjs <dashboard URL> [navigations]');
  process.exit(3);
}
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-default-apps', '--disable-domain-reliability'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url);
  await page.waitForSelector('#login:not([hidden]), #problem:not([hidden])', { timeout: 15000 });
  if (await page.$('#login:not([hidden])')) {
    await page.type('#key', key);
    await page.click('#login button[type=submit]');
    await page.waitForSelector('body[data-ready=true], #problem:not([hidden])', { timeout: 15000 }).catch(() => {});
  }
  const settings = { ...desktopConfig.settings, throttlingMethod: 'provided', disableStorageReset: true,
    onlyAudits: ['largest-contentful-paint', 'errors-in-console', 'first-contentful-paint'] };
  const flow = await startFlow(page, { config: { extends: 'lighthouse:default', settings } });
  for (let i = 0; i < Number(runs); i++) {
    await flow.navigate(url, { stepName: 'load ' + (i + 1) });
  }
  const result = await flow.createFlowResult();
  const steps = result.steps.map((s) => ({
    lcpMs: s.lhr.audits['largest-contentful-paint'].numericValue ?? null,
    consoleErrors: (s.lhr.audits['errors-in-console'].details?.items ?? []).map((e) => e.description),
    runtimeError: s.lhr.runtimeError?.message ?? null,
  }));
  console.log(JSON.stringify({ lighthouse: result.steps[0]?.lhr.lighthouseVersion, steps }));
} finally {
  await browser.close();
}
