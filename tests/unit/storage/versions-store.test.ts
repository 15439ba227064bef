import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { openReviewDB, StorageError } from '../../../storage';
import { VersionsStore } from '../../../storage/versions';
import { uniqueName } from './helpers';

const dbs: Array<ReturnType<typeof openReviewDB>> = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.delete()));
});
function store() {
  const db = openReviewDB(uniqueName());
  dbs.push(db);
  let n = 0;
  return { db, s: new VersionsStore(db, () => 1000, () => `id${++n}`) };
}
const article = { number: 1, sub: 0, label: '第一条', title: null, text: '为了测试，制定本条例。' };

describe('VersionsStore', () => {
  test('saves and replaces a version text; refuses a malformed one', async () => {
    const { db, s } = store();
    await s.saveText('d1', '测试条例（草案）', [article]);
    await s.saveText('d1', '测试条例（草案）', [article, { ...article, number: 2, label: '第二条' }]);
    expect((await db.versionTexts.get('d1'))?.articles).toHaveLength(2);
    await expect(s.saveText('d1', null, [{ ...article, text: 5 }])).rejects.toBeInstanceOf(StorageError);
    await expect(s.saveText('d1', null, 'x')).rejects.toBeInstanceOf(StorageError);
  });

  test('links form one chain: no self-link, no fork, no loop', async () => {
    const { s } = store();
    const l1 = await s.link('draft', 'second');
    expect(await s.link('draft', 'second')).toEqual(l1);
    await s.link('second', 'enacted');
    expect(await s.chain('second')).toEqual(['draft', 'second', 'enacted']);
    await expect(s.link('draft', 'draft')).rejects.toMatchObject({ code: 'invalid' });
    await expect(s.link('draft', 'other')).rejects.toMatchObject({ code: 'invalid' });
    await expect(s.link('other', 'second')).rejects.toMatchObject({ code: 'invalid' });
    await expect(s.link('enacted', 'draft')).rejects.toMatchObject({ code: 'invalid' });
  });

  test('overruled fates are stored, cleared, and go with their link', async () => {
    const { db, s } = store();
    const link = await s.link('a', 'b');
    await s.overrule('a', 'b', 'n1', 'adopted');
    await s.overrule('a', 'b', 'n2', 'modified');
    await s.overrule('a', 'b', 'n2', null);
    expect(await db.fateOverrides.toArray()).toEqual([{ from: 'a', to: 'b', noteId: 'n1', fate: 'adopted', updatedAt: 1000 }]);
    await expect(s.overrule('a', 'b', 'n1', 'maybe' as never)).rejects.toMatchObject({ code: 'invalid' });
    await s.recordCarried(link.id, { new1: 'n1' });
    expect((await db.versionLinks.get(link.id))?.carried).toEqual({ new1: 'n1' });
    await s.unlink(link.id);
    expect(await db.fateOverrides.count()).toBe(0);
    expect(await s.chain('a')).toEqual(['a']);
    await expect(s.unlink(link.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});
