import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ShadowProbe } from '../../tests/e2e/lib/shadow';
import { tabIdOf, type ExtensionBrowser } from './launch';
import { waitForReader } from './page';
import { SAMPLE_URL } from './server';

/** The notes the reviewer writes: three articles, one note each. */
export const JOURNEY_NOTES = [
  { label: '第三条', text: '建议将“包容审慎”改为“包容审慎、鼓励创新”。' },
  { label: '第十条', text: '建议明确数字基础设施建设的牵头部门。' },
  { label: '第四十二条', text: '建议删除首席数据官的强制设立要求。' },
];

export interface Journey {
  /** Every action the reviewer took, in order: a click, a key press, or typing one note's text. */
  actions: string[];
  /** The .eml the reviewer ends up holding. */
  eml: Buffer;
  emlName: string;
}

/**
 * The reviewer's way from opening the draft to holding the .eml with three notes on three articles, done as a
 * person would with a mouse and keyboard, each action counted. Moving the pointer (hovering an article to reveal
 * its "＋笔记") is not an action; opening the toolbar popup is counted as the click on the toolbar button it is
 * (Playwright cannot click browser UI, so the popup is opened as a page aimed at the draft's tab).
 */
export async function reviewerJourney(browser: ExtensionBrowser): Promise<Journey> {
  const actions: string[] = [];
  const page: Page = await browser.context.newPage();
  await page.goto(SAMPLE_URL);
  await waitForReader(page);
  const probe = await ShadowProbe.open(page);
  for (const { label, text } of JOURNEY_NOTES) {
    await page.hover(`#zoom p:has-text("${label}")`);
    await probe.clickAttr('aria-label', `为${label}添加笔记`);
    actions.push(`click ＋笔记 beside ${label}`);
    await expectText(probe, `${label} · 笔记`);
    await probe.editorFocused();
    await probe.typeInEditor(text); // the suggestion box has the focus
    actions.push(`type the note on ${label}`);
  }
  await expectText(probe, '已保存');
  const tabId = await tabIdOf(browser, SAMPLE_URL);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 700 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  actions.push('click the toolbar button (the popup opens)');
  await popup.waitForSelector('button[data-action=eml]:not([disabled])');
  const got = popup.waitForEvent('download');
  await popup.click('button[data-action=eml]');
  actions.push('click 下载 .eml');
  const late = popup.locator('[data-testid=export-late-ok]');
  if (await late.waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => false)) {
    await late.click();
    actions.push('confirm exporting after the deadline (the sample closed in 2024)');
  }
  const download = await got;
  const eml = readFileSync((await download.path())!);
  await popup.close();
  await page.close();
  return { actions, eml, emlName: download.suggestedFilename() };
}

async function expectText(probe: ShadowProbe, text: string, timeout = 5000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await probe.text()).includes(text)) {
    if (Date.now() > end) throw new Error(`the in-page UI never showed "${text}"`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
