import type { Page } from 'playwright-core';
import { describeArticle } from '../../anchoring';
import type { Article } from '../../regulation/types';

/**
 * Saves `count` article notes on `documentId` through the background, as an extension page (`ext`) would: the side
 * panel's benchmark and its profile list the same notes. They cycle through `articles`, alternate two stances and
 * carry two tags.
 */
export async function saveBenchNotes(ext: Page, documentId: string | null, articles: readonly Article[], count: number): Promise<void> {
  const notes = Array.from({ length: count }, (_, i) => ({
    documentId,
    article: describeArticle(articles[i % articles.length]!),
    passage: null,
    stance: i % 2 ? 'modify' : 'question',
    suggestion: `第${i}号意见：建议修改本条的表述`,
    reason: '基准测试的理由',
    comment: '',
    tags: [i % 10 ? '基准' : '抽查'],
  }));
  await ext.evaluate(async (list) => {
    for (const note of list) await chrome.runtime.sendMessage({ type: 'note:save', note });
  }, notes);
}
