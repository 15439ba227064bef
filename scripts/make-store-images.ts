/**
 * Renders the images the Chrome Web Store form asks for (AMO takes the same screenshots) into store/images/,
 * with the same headless Chromium and the built extension the tests use:
 *   icon-128.png            the store icon: the artwork at 96 px inside 16 px of transparent padding
 *   promo-440x280.png       the small promo tile
 *   screenshot-draft.png    1280x800: the sample draft with the banner and "＋笔记", the side panel beside it
 *   screenshot-welcome.png  1280x800: the first-run page
 * Run after changing the icon, the UI or the listing: `npx tsx scripts/make-store-images.ts` (builds first;
 * `--no-build` to skip). The toolbar icons in public/icon come from scripts/make-icons.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './lib/chromium';
import { launchWithExtension, tabIdOf } from './lib/launch';
import { waitForReader } from './lib/page';
import { SAMPLE_URL, startFixtureServer } from './lib/server';

const OUT = resolve(import.meta.dirname, '../store/images');
const svg = readFileSync(resolve(import.meta.dirname, '../assets/icon.svg'), 'utf8');
const zh = JSON.parse(readFileSync(resolve(import.meta.dirname, '../public/_locales/zh_CN/messages.json'), 'utf8')) as Record<string, { message: string }>;
const FONT = `system-ui, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif`;
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

if (!process.argv.includes('--no-build')) {
  const built = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
mkdirSync(OUT, { recursive: true });

// the icon and the promo tile: plain markup, no extension needed
const plain = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
const page = await plain.newPage();
await page.setViewportSize({ width: 128, height: 128 });
await page.setContent(
  `<style>html,body{margin:0;background:transparent}svg{display:block;margin:16px}</style>${svg.replace('<svg ', '<svg width="96" height="96" ')}`,
);
await page.screenshot({ path: `${OUT}/icon-128.png`, omitBackground: true });

await page.setViewportSize({ width: 440, height: 280 });
await page.setContent(`<!doctype html><html lang="zh-CN"><style>
  html,body{margin:0;width:440px;height:280px;overflow:hidden}
  body{background:#9c1c1c;color:#fff;font-family:${FONT};display:flex;align-items:center;gap:20px;padding:0 26px;box-sizing:border-box}
  svg{flex:none;filter:drop-shadow(0 2px 6px rgba(0,0,0,.25))}
  h1{font-size:27px;line-height:1.25;margin:0 0 10px;font-weight:700;white-space:nowrap}
  p{font-size:17px;line-height:1.5;margin:0;color:#fde8e8}
</style><body>${svg.replace('<svg ', '<svg width="96" height="96" ')}<div><h1>${escape(zh.extName!.message)}</h1><p>读条文 · 记笔记 · 交意见</p></div></body></html>`);
await page.screenshot({ path: `${OUT}/promo-440x280.png` });
await plain.close();

// the screenshots: the built extension on the sample draft
const server = await startFixtureServer();
const browser = await launchWithExtension({ port: server.port });
const draft = await browser.context.newPage();
await draft.setViewportSize({ width: 880, height: 800 });
await draft.goto(SAMPLE_URL);
await waitForReader(draft);
const article = draft.locator('#zoom p', { hasText: '第三条 促进数字经济发展' });
await article.evaluate((el) => el.scrollIntoView({ block: 'center' }));
await article.hover({ position: { x: 200, y: 10 } });
await draft.waitForTimeout(300);
const draftShot = await draft.screenshot();

const panel = await browser.context.newPage();
await panel.setViewportSize({ width: 400, height: 800 });
await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${await tabIdOf(browser, SAMPLE_URL)}`);
await panel.waitForSelector('li.article');
const panelShot = await panel.screenshot();

const welcome = await browser.context.newPage();
await welcome.setViewportSize({ width: 1280, height: 800 });
await welcome.goto(`chrome-extension://${browser.extensionId}/welcome.html`);
await welcome.waitForSelector('.steps li');
await welcome.screenshot({ path: `${OUT}/screenshot-welcome.png` });

const side = await browser.context.newPage();
await side.setViewportSize({ width: 1280, height: 800 });
const img = (png: Buffer, width: number) => `<img width="${width}" height="800" src="data:image/png;base64,${png.toString('base64')}">`;
await side.setContent(
  `<style>html,body{margin:0;display:flex;background:#fff}img{display:block}img+img{border-left:1px solid #d0d7de;box-sizing:border-box}</style>${img(draftShot, 880)}${img(panelShot, 400)}`,
);
await side.screenshot({ path: `${OUT}/screenshot-draft.png` });

await browser.close();
await server.close();
console.log(`Store images written to ${OUT}`);
