/**
 * The sample draft the first-run page links to: the real notice on jinan.gov.cn, which the content script's
 * match pattern covers (scripts/lib/server.ts serves the same page under this URL in tests).
 */
export const SAMPLE_DRAFT_URL = 'http://www.jinan.gov.cn/art/2024/2/18/art_1861_4939587.html';
