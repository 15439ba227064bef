import type { Notice } from '../../../regulation/types';
import { NotesService, openReviewDB, type NoteInput, type ReviewDB } from '../../../storage';

/** A database name no other test uses. */
export const uniqueName = (): string => `regdraft-test-${crypto.randomUUID()}`;

export const notice = (over: Partial<Notice> = {}): Notice => ({
  title: '中华人民共和国数据安全管理条例（征求意见稿）',
  issuer: '国家互联网信息办公室',
  published: '2024-05-01',
  deadline: '2024-06-01',
  channels: {
    email: 'review@example.gov.cn',
    subject: '数据安全管理条例意见',
    envelope: null,
    address: null,
    postcode: null,
    phone: null,
    fax: null,
    web: null,
  },
  ...over,
});

export const noteInput = (documentId: string, over: Partial<NoteInput> = {}): NoteInput => ({
  documentId,
  article: { number: 3, sub: 0, label: '第三条', excerpt: '国家建立数据分类分级保护制度。' },
  passage: null,
  stance: 'modify',
  suggestion: '建议将“重要数据”改为“重要数据和核心数据”。',
  reason: '与数据安全法第二十一条保持一致。',
  comment: '',
  tags: [],
  ...over,
});

/** A fresh database, a service over it with a clock the test moves by hand, and a document to note. */
export async function setup(start = 1_700_000_000_000, idPrefix = 'id') {
  const db = openReviewDB(uniqueName());
  const clock = { t: start, tick: (ms = 1_000) => (clock.t += ms) };
  let n = 0;
  const service = new NotesService(db, { now: () => clock.t, newId: () => `${idPrefix}-${String(++n).padStart(4, '0')}` });
  const doc = await service.openDocument({ url: 'https://www.example.gov.cn/zhengce/2024/draft.htm', notice: notice() });
  return { db, service, clock, doc };
}

/** Every record of every table, notes in the bin included, in key order: equal dumps mean an unchanged DB. */
export async function dump(db: ReviewDB) {
  return db.transaction('r', db.documents, db.notes, db.comments, db.tags, async () => ({
    documents: await db.documents.toArray(),
    notes: await db.notes.toArray(),
    comments: await db.comments.toArray(),
    tags: await db.tags.toArray(),
  }));
}

/** Awaits `p`, expecting a StorageError with `code` (and `path` when given); returns it. */
export async function expectStorageError(p: Promise<unknown>, code: string, path?: string) {
  const e = await p.then(
    () => {
      throw new Error(`expected StorageError ${code}, got success`);
    },
    (err: unknown) => err,
  );
  const err = e as { name?: string; code?: string; path?: string; message?: string };
  if (err.name !== 'StorageError' || err.code !== code || (path !== undefined && err.path !== path)) {
    throw new Error(`expected StorageError ${code}${path ? ` at ${path}` : ''}, got ${err.name} ${err.code} ${err.path}: ${err.message}`);
  }
  return err;
}
