/// <reference types="chrome" />
/**
 * `npx tsx scripts/screenshots.ts`: the README's screenshots (docs/*.png), taken in headless Chromium on the
 * sample draft with two notes written through the in-page UI. Run `npm run build` first.
 */
import { selectInArticle } from '../tests/e2e/lib/in-page';
import { ShadowProbe } from '../tests/e2e/lib/shadow';
import { launchWithExtension, tabIdOf } from './lib/launch';
import { waitForReader } from './lib/page';
import { SAMPLE_URL, startFixtureServer } from './lib/server';

const server = await startFixtureServer();
const browser = await launchWithExtension({ port: server.port });
try {
  const page = await browser.context.newPage();
  await page.goto(SAMPLE_URL);
  await waitForReader(page);
  const probe = await ShadowProbe.open(page);
  await page.hover('#zoom p:has-text("第三条")');
  await probe.clickAttr('aria-label', '为第三条添加笔记');
  await page.keyboard.insertText('建议修改为“促进数字经济发展应当遵循统筹推进、创新驱动的原则”。');
  await probe.clickAttr('data-field', 'reason');
  await page.keyboard.insertText('原文列举的原则过多,重点不突出。');
  await probe.clickAttr('role', 'combobox');
  await page.keyboard.insertText('原则');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(700);
  await page.keyboard.press('Escape');
  await page.evaluate(selectInArticle, ['第五条', 2, 20] as const);
  await probe.clickAttr('data-action', 'selection-note');
  await page.keyboard.insertText('建议明确“数字经济促进工作”的牵头部门。');
  await page.waitForTimeout(700);
  await page.screenshot({ path: 'docs/screenshot.png' });
  await page.keyboard.press('Escape');
  const tabId = await tabIdOf(browser, SAMPLE_URL);
  for (const [view, file] of [['notes', 'docs/sidepanel.png'], ['export', 'docs/export.png']] as const) {
    const panel = await browser.context.newPage();
    await panel.setViewportSize({ width: 400, height: 820 });
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${tabId}&view=${view}`);
    await panel.waitForTimeout(800);
    await panel.screenshot({ path: file });
    await panel.close();
  }
  console.log('wrote docs/screenshot.png, docs/sidepanel.png, docs/export.png');
} finally {
  await browser.close();
  await server.close();
}
