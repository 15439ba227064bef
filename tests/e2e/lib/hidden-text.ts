/** The sample's 第三条 as the reader must read it from `hiddenTextPage`: none of the hidden text in it. */
export const THIRD = '促进数字经济发展是本市的重要战略,应当遵循统筹推进、创新驱动、融合发展、普惠共享、安全有序、包容审慎、协同共治的原则。';

/**
 * The sample draft with text the reader cannot see in and after 第三条: spans inside its paragraph (display:none,
 * visibility:hidden, the hidden attribute, an inline box of zero size that clips, font-size 0, <noscript>, <template>),
 * and whole blocks after it (text right inside a box collapsed to nothing, a collapsed panel around a paragraph as a
 * CSS accordion makes it, a paragraph of a tab not shown, a paragraph of visibility:hidden). Throws when the sample
 * no longer holds the places it changes.
 */
export function hiddenTextPage(sample: string): string {
  const spans =
    '<span style="display:none">（隐藏一）</span><span class="x-hide">（隐藏二）</span><span hidden>（隐藏三）</span>' +
    '<span style="display:inline-block;width:0;height:0;overflow:hidden">（隐藏四）</span><span style="font-size:0">（隐藏五）</span>' +
    '<noscript>（隐藏六）</noscript><template>（隐藏七）</template>';
  const blocks =
    '<div style="height:0;overflow:hidden">（隐藏八）</div><div style="max-height:0;overflow:hidden"><p>（隐藏九）</p></div>' +
    '<div class="x-tab"><p>（隐藏十）</p></div><p class="x-hide">（隐藏十一）</p>';
  const html = sample
    .replace('</head>', '<style>.x-hide{visibility:hidden}.x-tab{display:none}</style></head>')
    .replace('第三条 促进数字经济发展是本市的重要战略,', `第三条 促进数字经济发展是本市的重要战略,${spans}`)
    .replace(`${THIRD.slice(-12)}</p>`, `${THIRD.slice(-12)}</p>${blocks}`);
  if (!html.includes('（隐藏五）') || !html.includes('（隐藏十一）')) throw new Error('the sample no longer reads as hiddenTextPage expects');
  return html;
}
