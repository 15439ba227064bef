import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openSampleDraft, type DraftSession } from './lib/draft';
import { ShadowProbe } from './lib/shadow';
import { catalogueDifferences } from './lib/catalogue';

/** Chinese comes first, English second: in an English browser every piece of the extension's own UI is English. */
let session: DraftSession;

beforeAll(async () => {
  session = await openSampleDraft({ lang: 'en' });
});

afterAll(async () => {
  await session?.close();
});

/** Han characters in a text, once the draft's own words (its title, issuer, address, quotes) are taken out. */
const han = (text: string, ...draftWords: string[]) => {
  let t = text;
  for (const w of draftWords) t = t.split(w).join('');
  return t.match(/\p{Script=Han}+/gu) ?? [];
};

describe('in an English browser (Chromium)', () => {
  test("the content script's copy of the messages, from the background, fills every message as the browser does", async () => {
    const ext = await session.writer();
    const { keys, differ } = await catalogueDifferences((fn, subs) => ext.evaluate(fn, subs));
    expect(keys).toBeGreaterThan(500);
    expect(differ).toEqual([]);
  });

  test('the banner and the note editor speak English', async () => {
    const { page } = session;
    const probe = await ShadowProbe.open(page);
    const banner = await probe.text();
    expect(banner).toContain('Deadline');
    expect(banner).toContain('Closed');
    await page.hover('#zoom p:has-text("第三条")');
    await probe.clickAttr('aria-label', 'Add a note to 第三条');
    await expect.poll(() => probe.text()).toContain('第三条 · note');
    const ui = await probe.text();
    expect(ui).toContain('Suggested change');
    expect(ui).toContain('Reason');
    const draftWords = ['《济南市数字经济促进条例(征求意见稿)》修改意见', '济南市数字经济促进条例(征求意见稿)', '济南市工业和信息化局', '山东省济南市历下区龙鼎大道1号3层B323室', '第三条'];
    expect(han(ui, ...draftWords)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  test('the side panel tabs and the export view speak English', async () => {
    const panel = await session.browser.context.newPage();
    await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html?tab=${session.tabId}&view=export`);
    await panel.waitForSelector('[role=tab][data-view=export][aria-selected=true]');
    const tabs = await panel.locator('[role=tab]').allInnerTexts();
    expect(tabs).toEqual(expect.arrayContaining(['Outline', 'Notes', 'Export']));
    await panel.close();
  });
});
