/**
 * The outline of a regulation page: what the parser in this folder returns.
 * DOM-free: it is built from a list of paragraphs (one string per block of the page).
 * The JSON printed by `npm run outline` is `toOutlineJson(outline)`: keep that contract stable.
 */

/** One block of page text. `link` marks a block whose text is all inside links (a nav list, a TOC of links). */
export interface Paragraph {
  text: string;
  link?: boolean;
}

export type HeadingKind = 'part' | 'subpart' | 'chapter' | 'section';

export interface Chapter {
  /** 第一章, 第二编, 第一分编, 第三节, or 总则 / 附则 when unnumbered. Whitespace removed. */
  label: string;
  /** 总则, 数字基础设施 …; null when the heading has no title. */
  title: string | null;
  kind: HeadingKind;
  /** Index in `chapters` of the enclosing heading (a 章 inside a 编), or null. */
  parent: number | null;
  /** Index of the paragraph holding the heading. */
  paragraph: number;
}

export interface Article {
  /** 第一条, 第一百二十条之一, 第1-1條: the label as written, whitespace removed. */
  label: string;
  number: number;
  /** 0 for a plain article; M for 第N条之M or 第 N-M 條. */
  sub: number;
  /** (立法目的) / 〖目的依据〗 title, without brackets; null when absent. */
  title: string | null;
  /** Index in `chapters` of the innermost enclosing heading, or null. */
  chapter: number | null;
  /** The article's text without its label and title: its paragraphs joined by "\n". */
  text: string;
  /** Paragraph range [first, end) the article covers; `first` holds the heading. */
  paragraphs: [number, number];
  /** Offset in paragraphs[first].text (as given, untrimmed) where the article's body starts, after label and title. */
  bodyOffset: number;
}

export type WarningCode =
  | 'empty' // no article found at all
  | 'gap' // 第五条 follows 第三条
  | 'duplicate' // the same number twice
  | 'order' // a number lower than the one before
  | 'too-large' // input was truncated for size
  | 'binary'; // input looks like binary junk

export interface OutlineWarning {
  code: WarningCode;
  /** The article label the warning is about, when there is one. */
  article: string | null;
  /** English detail for logs and the CLI; the UI renders its own text from code + article. */
  message: string;
}

export interface Channels {
  email: string | null;
  /** The email subject the notice prescribes (邮件主题标明“…”), without the quotes. */
  subject: string | null;
  /** The label to write on the envelope (信封上注明“…”), without the quotes. */
  envelope: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  /** A web channel: the URL the notice names (网址…), or null. */
  web: string | null;
}

export interface Notice {
  /** The draft's title, from 《…》, without the brackets. */
  title: string | null;
  issuer: string | null;
  /** YYYY-MM-DD */
  published: string | null;
  /** YYYY-MM-DD, the last day comments are accepted. */
  deadline: string | null;
  channels: Channels;
  /** The notice asks organisations to seal their letter (单位加盖公章, 盖章); absent when not read. */
  seal?: boolean;
}

/**
 * A numbered item of a draft that has no 第N条 (实施意见, 办法 and 通知 drafts numbered 一、 （一） 1.):
 * the units notes attach to when there are no articles.
 */
export interface Item {
  /** The marker as written, whitespace removed: 一、 / （二） / 1. */
  label: string;
  /** How a letter names it: 第三部分, 第三部分第（二）项, 第三部分第（二）项第1点. */
  name: string;
  /** 1 for 一、, 2 for （一）, 3 for 1. / 1、 */
  level: 1 | 2 | 3;
  /** A short heading after the marker (一、总体要求 → 总体要求; （一）指导思想。… → 指导思想), or null. */
  title: string | null;
  /** Index in `items` of the enclosing item, or null. */
  parent: number | null;
  /** The item's own text after its label (not its sub-items'), paragraphs joined by "\n". */
  text: string;
  /** Paragraph range [first, end) of the item's own text; `first` holds the marker. */
  paragraphs: [number, number];
  /** Offset in paragraphs[first].text where the item's text starts, after the marker. */
  bodyOffset: number;
}

export interface Outline extends Notice {
  chapters: Chapter[];
  articles: Article[];
  /** Numbered items (一、（一）1.) of a draft with no 第N条; empty when the draft has articles. */
  items: Item[];
  /** The drafts a notice names when it names two or more (then `title` is null): for the reviewer to pick. */
  titles: string[];
  warnings: OutlineWarning[];
  /** Index of the first paragraph of the table of contents (目录) and the end of it, or null. */
  toc: [number, number] | null;
  /**
   * Notice fields the reader was unsure of ('email', 'address', 'deadline' …: two candidates, a guessed year),
   * shown as 请核对; absent when none. Not part of the CLI's JSON.
   */
  unsure?: string[];
}

/** Hints from outside the body text: the HTML <title>, <meta> values. All optional. */
export interface PageHints {
  pageTitle?: string | null;
  /** <meta name="ArticleTitle"> */
  articleTitle?: string | null;
  /** <meta name="PubDate">, any date form */
  pubDate?: string | null;
  /** <meta name="ContentSource"> */
  source?: string | null;
}
