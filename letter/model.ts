/**
 * The comment letter as data: what the reviewer sends the agency, built from the notice, the page's articles,
 * the notes and general comments, and the reviewer's profile. Every renderer (text, Markdown, HTML, print, .eml,
 * mailto, .docx) prints a Letter and decides nothing about its content.
 */
import { EXCERPT_CHARS } from '../anchoring/describe';
import type { Article, Notice } from '../regulation/types';
import type { CommentRecord, NoteRecord, Stance } from '../storage/schema';
import { multiLine, singleLine, singleLineOrNull } from './sanitise';
import { SIGNATURE_LABELS, WORDING } from './wording';

/** Who signs the letter. Every field is a string, empty when unknown. */
export interface Profile {
  name: string;
  organisation: string;
  phone: string;
  email: string;
  address: string;
}

/** A profile with nothing filled in. */
export const emptyProfile: Readonly<Profile> = Object.freeze({ name: '', organisation: '', phone: '', email: '', address: '' });

/** The longest profile field readProfile accepts, in UTF-16 code units. */
export const PROFILE_FIELD_MAX_CHARS = 2_000;

const PROFILE_KEYS = ['name', 'organisation', 'phone', 'email', 'address'] as const;

/**
 * Reads a stored profile: returns a fresh Profile holding only the five known fields (unknown keys are dropped,
 * missing fields become ''); undefined or null (nothing stored yet) gives an empty profile. The text is kept as
 * typed (buildLetter cleans it). Throws a TypeError naming the field when `v` is not a plain object, or a field is
 * present but not a string or longer than PROFILE_FIELD_MAX_CHARS.
 */
export function readProfile(v: unknown): Profile {
  if (v === undefined || v === null) return { ...emptyProfile };
  if (typeof v !== 'object' || Array.isArray(v)) throw new TypeError('profile: expected an object');
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw new TypeError('profile: expected a plain object');
  const o = v as Record<string, unknown>;
  const out: Profile = { ...emptyProfile };
  for (const key of PROFILE_KEYS) {
    const x = Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
    if (x === undefined || x === null) continue;
    if (typeof x !== 'string') throw new TypeError(`profile.${key}: expected a string`);
    if (x.length > PROFILE_FIELD_MAX_CHARS) throw new TypeError(`profile.${key}: longer than ${PROFILE_FIELD_MAX_CHARS} characters`);
    out[key] = x;
  }
  return out;
}

/** Prose (a numbered letter) or the agencies' table form (序号 | 条款 | 原文 | 修改意见 | 理由). */
export type LetterForm = 'prose' | 'table';

/**
 * Which notes go into the letter. Each given list must match (a note passes when it has any of `tags`, its stance
 * is in `stances` and its id is in `ids`); an absent list does not filter, an empty list matches nothing.
 * `comments: false` leaves the general comments out (default: included).
 */
export interface LetterInclude {
  tags?: readonly string[];
  stances?: readonly Stance[];
  ids?: readonly string[];
  comments?: boolean;
}

export interface LetterOptions {
  form: LetterForm;
  include?: LetterInclude;
  /** The notice asks organisations to seal their letter (单位加盖公章): the signature leaves room for the seal. */
  seal?: boolean;
}

/** What the letter reads of an article on the current page. */
export type LetterArticleSource = Pick<Article, 'number' | 'sub' | 'label' | 'title' | 'text'>;

export interface LetterInput {
  notice: Pick<Notice, 'title' | 'issuer' | 'deadline' | 'channels'>;
  /** The current page's articles; may be empty (then each note's stored label and excerpt are used). */
  articles: readonly LetterArticleSource[];
  /** The document's notes; those in the bin (`deleted` set) are never included. */
  notes: readonly NoteRecord[];
  comments: readonly CommentRecord[];
  profile: Profile;
  options: LetterOptions;
  /** YYYY-MM-DD: the letter's date. */
  today: string;
}

/** Where an item's 原文 comes from. */
export type OriginalKind = 'article' | 'passage' | 'excerpt';

/** One note in the letter: a row of the table form. */
export interface LetterItem {
  /** 序号: 1, 2, … through the whole letter. */
  index: number;
  noteId: string;
  stance: Stance;
  /** 第三条 / 第三条（立法目的）: the 条款 column. */
  clause: string;
  /** The article's label alone (第三条), for a narrow 条款 column. */
  clauseLabel: string;
  /** The article's title (立法目的), or null. */
  clauseTitle: string | null;
  /** '1.' when its article has several items, '' when it is the only one. */
  marker: string;
  original: {
    kind: OriginalKind;
    /** 原文, or 原文（节选） for an excerpt. */
    label: string;
    text: string;
  };
  /** 修改意见: the stance's phrase with the suggestion. */
  opinion: string;
  /** 理由; may be empty. */
  reason: string;
}

/** An article the letter comments on, with its items in passage order. */
export interface LetterArticle {
  number: number;
  sub: number;
  label: string;
  title: string | null;
  /** （一）, （二）, … */
  marker: string;
  /** 第三条 / 第三条（立法目的）. */
  heading: string;
  /** False when the article was not found on the page and its text comes from a note's excerpt. */
  onPage: boolean;
  items: LetterItem[];
}

/** A section heading with its number: 一、总体意见. */
export interface LetterSection {
  marker: string;
  title: string;
  /** marker + title */
  heading: string;
}

export interface LetterField {
  label: string;
  value: string;
}

export interface Letter {
  form: LetterForm;
  /** The draft's title as the notice writes it (cleaned), or null when the notice names none. */
  draftTitle: string | null;
  /** 关于《…》的修改意见 */
  title: string;
  /** 济南市工业和信息化局：, or null when the notice names no issuer. */
  addressee: string | null;
  leadIn: string;
  /** 一、总体意见, or null when there are no general comments. */
  general: LetterSection | null;
  /** The general comments, each a cleaned multi-line text. */
  comments: string[];
  /** （一）… markers for the comments: empty strings when there is only one. */
  commentMarkers: string[];
  /** 二、具体修改意见 (一、 when there are no general comments), or null when there are no items. */
  specific: LetterSection | null;
  articles: LetterArticle[];
  /** Every item in letter order (articles' items, flattened). */
  items: LetterItem[];
  /** The reviewer's profile, cleaned to single lines. */
  sender: Profile;
  /** The signature's non-empty lines: 单位 / 联系人 / 联系电话 / 电子邮箱 / 通信地址. */
  signature: LetterField[];
  /**
   * The letter's close as a 公文 prints it (GB/T 9704-2012 7.3.5): the signer (the organisation, else the person)
   * above the date, and the other contact details as a note under the date; `seal` when the notice asks for the
   * organisation's seal (room is left beside the signer).
   */
  closing: { signer: string | null; contact: LetterField[]; seal: boolean };
  /** 2024年3月1日 */
  date: string;
  /** YYYY-MM-DD, as given. */
  today: string;
  /** The notice's deadline (YYYY-MM-DD) or null. */
  deadline: string | null;
  /** True when today is after the deadline. */
  late: boolean;
  email: {
    /** The notice's email address, or null. */
    to: string | null;
    /** Exactly the subject the notice prescribes, else 《title》修改意见. */
    subject: string;
  };
  /** The postal channel, or null when the notice gives no address. */
  post: {
    recipient: string | null;
    address: string;
    postcode: string | null;
    /** What to write on the envelope, when the notice says. */
    envelope: string | null;
  } | null;
  /** True when the letter holds no item and no general comment. */
  empty: boolean;
  /** Notes before the filter (those in the bin excluded), items after it, comments included. */
  counts: { notes: number; items: number; comments: number };
}

/** Why a letter is empty: there are no notes at all, or the filter left none. */
export type EmptyReason = 'no-notes' | 'filtered-out';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function chineseDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || mo < 1 || mo > 12 || d < 1 || d > 31) throw new RangeError(`today: expected YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  return WORDING.date(y, mo, d);
}

const articleKey = (number: number, sub: number) => `${number}:${sub}`;

function passes(note: NoteRecord, include: LetterInclude | undefined): boolean {
  if (include === undefined) return true;
  if (include.tags !== undefined && !note.tags.some((t) => include.tags!.includes(t))) return false;
  if (include.stances !== undefined && !include.stances.includes(note.stance)) return false;
  if (include.ids !== undefined && !include.ids.includes(note.id)) return false;
  return true;
}

/** Article order, then whole-article notes before passages, passages by position, then creation. */
function compareNotes(a: NoteRecord, b: NoteRecord): number {
  return (
    a.article.number - b.article.number ||
    a.article.sub - b.article.sub ||
    (a.passage?.start ?? -1) - (b.passage?.start ?? -1) ||
    (a.passage?.end ?? -1) - (b.passage?.end ?? -1) ||
    a.createdAt - b.createdAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function cleanProfile(p: Profile): Profile {
  return {
    name: singleLine(p.name),
    organisation: singleLine(p.organisation),
    phone: singleLine(p.phone),
    email: singleLine(p.email),
    address: singleLine(p.address),
  };
}

/**
 * Builds the letter from the notice, the page's articles, the notes and general comments, the profile and the
 * options. Pure: the same input gives the same Letter. Notes in the bin are skipped; the rest pass through
 * `options.include`, are ordered by article (number, sub), then whole-article notes before passages and passages by
 * position, and keep one item each. An item's 原文 is the passage's exact quote, else the page's article text, else
 * (article not on the page) the note's stored excerpt, marked 原文（节选）. Every field is cleaned (single-line fields
 * lose line breaks and control characters, texts keep their line breaks) and never shortened. An empty selection
 * gives a Letter with `empty` set (see explainEmpty). Throws a RangeError when `today` is not a YYYY-MM-DD date.
 */
export function buildLetter(input: LetterInput): Letter {
  const { notice, options } = input;
  const date = chineseDate(input.today);
  const draftTitle = singleLineOrNull(notice.title);
  const issuer = singleLineOrNull(notice.issuer);
  const channels = notice.channels;

  const live = input.notes.filter((n) => n.deleted === undefined);
  const chosen = live.filter((n) => passes(n, options.include)).sort(compareNotes);
  const comments =
    options.include?.comments === false
      ? []
      : [...input.comments]
          .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((c) => multiLine(c.text))
          .filter((t) => t !== '');

  const pageArticles = new Map<string, LetterArticleSource>();
  for (const a of input.articles) {
    const key = articleKey(a.number, a.sub);
    if (!pageArticles.has(key)) pageArticles.set(key, a);
  }

  const articles: LetterArticle[] = [];
  const items: LetterItem[] = [];
  let current: LetterArticle | undefined;
  for (const note of chosen) {
    const key = articleKey(note.article.number, note.article.sub);
    const page = pageArticles.get(key);
    if (current === undefined || articleKey(current.number, current.sub) !== key) {
      const label =
        singleLine(page?.label ?? '') || singleLine(note.article.label) || WORDING.articleLabel(note.article.number, note.article.sub);
      const title = page ? singleLineOrNull(page.title) : null;
      current = {
        number: note.article.number,
        sub: note.article.sub,
        label,
        title,
        marker: WORDING.subMarker(articles.length + 1),
        heading: WORDING.articleHeading(label, title),
        onPage: page !== undefined,
        items: [],
      };
      articles.push(current);
    }
    let original: LetterItem['original'];
    const quote = note.passage === null ? '' : multiLine(note.passage.exact);
    if (quote !== '') {
      original = { kind: 'passage', label: WORDING.original, text: quote };
    } else if (page !== undefined) {
      original = { kind: 'article', label: WORDING.original, text: multiLine(page.text) };
    } else {
      const excerpt = multiLine(note.article.excerpt);
      const cut = note.article.excerpt.length >= EXCERPT_CHARS;
      original = { kind: 'excerpt', label: WORDING.excerpt, text: cut ? excerpt + WORDING.ellipsis : excerpt };
    }
    const item: LetterItem = {
      index: items.length + 1,
      noteId: note.id,
      stance: note.stance,
      clause: current.heading,
      clauseLabel: current.label,
      clauseTitle: current.title,
      marker: '',
      original,
      opinion: WORDING.opinionOf(note.stance, multiLine(note.suggestion), quote === '' ? 'article' : 'passage'),
      reason: multiLine(note.reason),
    };
    current.items.push(item);
    items.push(item);
  }
  for (const a of articles) {
    if (a.items.length > 1) a.items.forEach((it, i) => (it.marker = WORDING.itemMarker(i + 1)));
  }

  let sections = 0;
  const section = (title: string): LetterSection => {
    const marker = WORDING.sectionMarker(++sections);
    return { marker, title, heading: marker + title };
  };
  const general = comments.length > 0 ? section(WORDING.general) : null;
  const specific = items.length > 0 ? section(WORDING.specific) : null;

  const sender = cleanProfile(input.profile);
  const signature: LetterField[] = [];
  for (const key of Object.keys(SIGNATURE_LABELS) as Array<keyof typeof SIGNATURE_LABELS>) {
    if (sender[key] !== '') signature.push({ label: SIGNATURE_LABELS[key], value: sender[key] });
  }

  const deadline = notice.deadline !== null && ISO_DATE.test(notice.deadline) ? notice.deadline : null;
  const address = singleLineOrNull(channels.address);
  return {
    form: options.form,
    draftTitle,
    title: WORDING.title(draftTitle),
    addressee: issuer === null ? null : WORDING.addressee(issuer),
    leadIn: WORDING.leadIn(draftTitle),
    general,
    comments,
    commentMarkers: comments.map((_, i) => (comments.length > 1 ? WORDING.subMarker(i + 1) : '')),
    specific,
    articles,
    items,
    sender,
    signature,
    closing: closingOf(sender, signature, options.seal === true),
    date,
    today: input.today,
    deadline,
    late: deadline !== null && input.today > deadline,
    email: {
      to: singleLineOrNull(channels.email),
      subject: singleLineOrNull(channels.subject) ?? WORDING.subject(draftTitle),
    },
    post:
      address === null
        ? null
        : {
            recipient: issuer,
            address,
            postcode: singleLineOrNull(channels.postcode),
            envelope: singleLineOrNull(channels.envelope),
          },
    empty: items.length === 0 && comments.length === 0,
    counts: { notes: live.length, items: items.length, comments: comments.length },
  };
}

/** The signer is the organisation when there is one, else the person; every other field goes to the note. */
function closingOf(sender: Profile, signature: LetterField[], seal: boolean): Letter['closing'] {
  const signer = sender.organisation || sender.name || null;
  const by = sender.organisation ? SIGNATURE_LABELS.organisation : SIGNATURE_LABELS.name;
  return { signer, contact: signature.filter((f) => f.label !== by), seal };
}

/**
 * Says why a letter is empty, so the UI can explain an export with nothing in it: 'no-notes' when the document has
 * no notes (outside the bin) and no general comment made it in, 'filtered-out' when there are notes but the
 * selection (tags, stances, ids) left none. Returns null for a letter that is not empty. Never throws.
 */
export function explainEmpty(letter: Letter): EmptyReason | null {
  if (!letter.empty) return null;
  return letter.counts.notes === 0 ? 'no-notes' : 'filtered-out';
}
