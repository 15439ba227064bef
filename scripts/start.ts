/**
 * `npm start`: build the extension and open Chromium with it on the bundled sample draft, served locally
 * as http://www.jinan.gov.cn/… so the real match pattern applies.
 *   npm start                                  a window; close it to stop
 *   npm start -- --headless --screenshot FILE  no window; saves a screenshot of the page and exits
 *                                              (--panel FILE also saves the side panel, opened as a tab)
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromiumPath } from './lib/chromium';
import { launchWithExtension, tabIdOf } from './lib/launch';
import { SAMPLE_URL, startFixtureServer } from './lib/server';
import { waitForReader } from './lib/page';

const { values } = parseArgs({
  options: { headless: { type: 'boolean', default: false }, screenshot: { type: 'string' }, panel: { type: 'string' }, 'no-build': { type: 'boolean', default: false } },
});

try {
  chromiumPath();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
if (!values.headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display found: run `npm start -- --headless --screenshot shot.png`, or start under a desktop / xvfb-run.');
  process.exit(1);
}
if (!values['no-build']) {
  const built = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = await startFixtureServer();
const browser = await launchWithExtension({ port: server.port, headless: values.headless, timeline: true });
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.goto(SAMPLE_URL);
const ready = await waitForReader(page, 10_000, true);
console.log(`Sample draft open at ${SAMPLE_URL} (served from 127.0.0.1:${server.port}); reader ready in ${ready.toFixed(1)} ms.`);

if (values.screenshot) {
  // show the articles under the banner, with the pointer on one of them so its "add a note" button shows
  const article = page.locator('#zoom p', { hasText: '第三条 促进数字经济发展' });
  await article.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await article.hover({ position: { x: 200, y: 10 } });
  await page.waitForTimeout(200);
  await page.screenshot({ path: values.screenshot });
  console.log(`Screenshot saved to ${values.screenshot}`);
}
if (values.panel) {
  const tabId = await tabIdOf(browser, SAMPLE_URL);
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${tabId}`);
  await panel.waitForSelector('li.article');
  await panel.screenshot({ path: values.panel });
  console.log(`Side panel screenshot saved to ${values.panel}`);
}
if (values.headless) {
  await browser.close();
  await server.close();
} else {
  console.log('Click the toolbar button for the outline in the side panel. Close the browser window to stop.');
  browser.context.on('close', () => void server.close().then(() => process.exit(0)));
}
