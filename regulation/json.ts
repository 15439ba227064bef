/**
 * The stable JSON shape of an outline (what `npm run outline` prints) and a plain-text reader.
 */
import type { Article, Chapter, Item, Notice, Outline, OutlineWarning, Paragraph } from './types';

/** The contract: the notice's fields and channels, then the chapters, articles and warnings, trimmed to these keys. */
export interface OutlineJson extends Notice {
  chapters: Array<Pick<Chapter, 'label' | 'title' | 'kind'>>;
  articles: Array<Pick<Article, 'label' | 'number' | 'sub' | 'title' | 'chapter' | 'text'>>;
  /** Numbered items (一、（一）1.) of a draft with no 第N条; [] when it has articles. */
  items: Array<Pick<Item, 'label' | 'name' | 'level' | 'title' | 'parent' | 'text'>>;
  warnings: OutlineWarning[];
}

/**
 * Projects an outline onto the JSON contract: notice fields, channels, chapters (label, title,
 * kind), articles (label, number, sub, title, chapter index or null, text), items (label, name, level,
 * title, parent index or null, text) and warnings, with keys
 * in that order and nothing else (no paragraph indices or offsets). Never throws for an Outline.
 */
export function toOutlineJson(o: Outline): OutlineJson {
  const c = o.channels;
  return {
    title: o.title,
    issuer: o.issuer,
    published: o.published,
    deadline: o.deadline,
    channels: {
      email: c.email,
      subject: c.subject,
      envelope: c.envelope,
      address: c.address,
      postcode: c.postcode,
      phone: c.phone,
      fax: c.fax,
      web: c.web,
    },
    chapters: o.chapters.map((ch) => ({ label: ch.label, title: ch.title, kind: ch.kind })),
    articles: o.articles.map((a) => ({
      label: a.label,
      number: a.number,
      sub: a.sub,
      title: a.title,
      chapter: a.chapter,
      text: a.text,
    })),
    items: (o.items ?? []).map((it) => ({
      label: it.label,
      name: it.name,
      level: it.level,
      title: it.title,
      parent: it.parent,
      text: it.text,
    })),
    warnings: o.warnings.map((w) => ({ code: w.code, article: w.article, message: w.message })),
  };
}

/**
 * Splits plain text into paragraphs, one per line (\n, \r\n or \r), blank lines kept as empty
 * paragraphs so indices equal line numbers minus one; a leading BOM is dropped. Never throws.
 */
export function paragraphsFromText(text: string): Paragraph[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return t.split(/\r\n|\r|\n/).map((line) => ({ text: line }));
}
