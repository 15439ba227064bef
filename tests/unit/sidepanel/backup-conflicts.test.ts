import { describe, expect, test } from 'vitest';
import { resolutionRequests } from '../../../entrypoints/sidepanel/backup-conflicts';
import {
  exportTooLarge,
  filesChoice,
  importedText,
  keptLines,
  refusedFieldText,
  refusedRecordText,
  sizeText,
} from '../../../entrypoints/sidepanel/backup-file';
import { errorCode, errorWords } from '../../../shared/error-words';
import type { CommentRecord, ImportConflict, NoteRecord } from '../../../storage';

const mine: NoteRecord = {
  id: 'n1',
  documentId: 'doc-here',
  article: { number: 3, sub: 0, label: '第三条', excerpt: '国家建立' },
  passage: null,
  stance: 'modify',
  suggestion: '此处的写法',
  reason: '',
  comment: '',
  tags: ['数据'],
  createdAt: 1,
  updatedAt: 2,
  revision: 7,
};
const theirs: NoteRecord = { ...mine, suggestion: '文件的写法', tags: ['跨境'], revision: 2, updatedAt: 9 };
const note: ImportConflict = { kind: 'note', mine, theirs };

describe('choosing on an import conflict', () => {
  test('keep mine writes nothing', () => {
    expect(resolutionRequests(note, 'mine')).toEqual([]);
  });

  test("take the file's saves its text over the stored note with the stored revision as base", () => {
    expect(resolutionRequests(note, 'theirs')).toEqual([
      {
        type: 'note:save',
        note: expect.objectContaining({ id: 'n1', baseRevision: 7, documentId: 'doc-here', suggestion: '文件的写法', tags: ['跨境'] }),
      },
    ]);
    // a note in the bin here comes back with the file's text
    const binned = resolutionRequests({ ...note, mine: { ...mine, deleted: 5 } }, 'theirs');
    expect(binned.map((r) => r.type)).toEqual(['note:save', 'note:restore']);
  });

  test("keep both saves the file's text as a new note of the same document", () => {
    const [save] = resolutionRequests(note, 'both');
    expect(save).toMatchObject({ type: 'note:save', note: { documentId: 'doc-here', suggestion: '文件的写法' } });
    expect((save as { note: Record<string, unknown> }).note).not.toHaveProperty('id');
    expect((save as { note: Record<string, unknown> }).note).not.toHaveProperty('baseRevision');
  });

  test('general comments the same way', () => {
    const c: CommentRecord = { id: 'c1', documentId: 'd', text: '此处', createdAt: 1, updatedAt: 1, revision: 3 };
    const conflict: ImportConflict = { kind: 'comment', mine: c, theirs: { ...c, text: '文件' } };
    expect(resolutionRequests(conflict, 'theirs')).toEqual([{ type: 'comment:save', comment: { documentId: 'd', text: '文件', id: 'c1', baseRevision: 3 } }]);
    expect(resolutionRequests(conflict, 'both')).toEqual([{ type: 'comment:save', comment: { documentId: 'd', text: '文件' } }]);
  });
});

describe('the import in words', () => {
  test('the summary counts added, identical and differing; a refusal names the record and the field', () => {
    expect(importedText({ added: 2, identical: 5, updated: 0, conflicts: [note], kept: [] })).toBe('storageBackupImported(2,5,1) storageBackupConflictsFollow');
    expect(refusedRecordText({ list: 'notes', index: 1, label: '第三条', text: '建议' })).toBe('storageRefusedNote(2,第三条:“建议”)');
    expect(refusedFieldText('notes[1].revision')).toBe('storageRefusedField(storageFieldRevision)');
    expect(refusedFieldText('notes[0].article.number')).toBe('storageRefusedField(storageFieldArticle)');
    expect(refusedFieldText('documents[0].notice.channels.__proto__')).toBe('storageRefusedField(storageFieldOther)');
  });

  test('version records kept here are counted; a refused version record or file is named with its field', () => {
    const fate = { from: 'a', to: 'b', noteId: 'n', fate: 'adopted' as const, updatedAt: 1 };
    const kept = [{ kind: 'fateOverride' as const, mine: fate, theirs: { ...fate, fate: 'unchanged' as const } }];
    expect(importedText({ added: 1, identical: 0, updated: 0, conflicts: [], kept })).toBe('storageBackupImported(1,0,0) backupKept(1)');
    expect(refusedRecordText({ list: 'files', index: 0, label: '草案.pdf', text: null })).toBe('backupRefusedFile(1,草案.pdf)');
    expect(refusedRecordText({ list: 'fateOverrides', index: 2, label: null, text: null })).toBe('backupRefusedFateOverride(3,storageRefusedUnnamed)');
    expect(refusedFieldText('files[0].bytes')).toBe('storageRefusedField(backupFieldFileBytes)');
    // a file's name is not a tag's
    expect(refusedFieldText('files[0].name')).toBe('storageRefusedField(backupFieldFileName)');
    expect(refusedFieldText('tags[0].name')).toBe('storageRefusedField(storageFieldTags)');
    expect(refusedFieldText('fateOverrides[0].fate')).toBe('storageRefusedField(backupFieldFate)');
    expect(refusedFieldText('versionLinks[0].to')).toBe('storageRefusedField(backupFieldVersionDocument)');
  });
});

describe('version records kept here', () => {
  test('each is named by its drafts\' titles and says why the file\'s was not used', () => {
    const titles: Record<string, string | null> = { a: '条例(征求意见稿)', b: '条例(二审稿)', c: null };
    const fate = { from: 'a', to: 'b', noteId: 'n', fate: 'adopted' as const, updatedAt: 1 };
    const link = { id: 'l', from: 'a', to: 'c', createdAt: 1, carried: {} };
    const text = { documentId: 'a', title: null, articles: [], savedAt: 1 };
    expect(
      keptLines(
        [
          { kind: 'versionText', mine: text, theirs: text },
          { kind: 'versionLink', mine: { ...link, to: 'b' }, theirs: link },
          { kind: 'fateOverride', mine: fate, theirs: { ...fate, fate: 'unchanged' } },
          { kind: 'fateOverride', mine: null, theirs: { ...fate, to: 'c' } },
        ],
        (id) => titles[id],
      ),
    ).toEqual([
      'backupKeptText(条例(征求意见稿))',
      'backupKeptLink(条例(征求意见稿),storageRefusedUnnamed)',
      'backupKeptFate(条例(征求意见稿),条例(二审稿),versionsFateAdopted,versionsFateUnchanged)',
      'backupKeptFateNoLink(条例(征求意见稿),storageRefusedUnnamed)',
    ]);
  });
});

describe('files in the backup', () => {
  test('sizes in words: KB under a megabyte, else MB with one decimal', () => {
    expect(sizeText(300)).toBe('1 KB');
    expect(sizeText(850 * 1024)).toBe('850 KB');
    expect(sizeText(4.2 * 1024 * 1024)).toBe('4.2 MB');
  });

  test('the files are offered when their base64 fits under the backup limit, else not, with their encoded size', () => {
    const max = 20 * 1024 * 1024;
    expect(filesChoice(4.2 * 1024 * 1024, max)).toEqual({ fits: true, encoded: '5.6' });
    // 15 MB of files are 20 MB in base64: over the limit although the files alone are under it
    expect(filesChoice(15 * 1024 * 1024 + 3, max)).toEqual({ fits: false, encoded: '20.0' });
    expect(filesChoice(0, max).fits).toBe(true);
  });

  test('an export over the limit is named with its size', () => {
    expect(exportTooLarge(20 * 1024 * 1024)).toBeNull();
    expect(exportTooLarge(20 * 1024 * 1024 + 1)).toEqual({ size: '20.0', max: '20.0' });
    expect(exportTooLarge(25 * 1024 * 1024, 20 * 1024 * 1024)).toEqual({ size: '25.0', max: '20.0' });
  });
});

describe('failures in words, never a code', () => {
  test('storage codes, browser errors and unknown failures each get words', () => {
    expect(errorWords('too-large')).toBe('errTooLarge');
    expect(errorWords({ code: 'quota' })).toBe('errQuota');
    expect(errorWords(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toBe('errQuota');
    expect(errorWords(new TypeError('profile.name: expected a string'), true)).toBe('storageErrProfile');
    expect(errorWords(new Error('Dexie internal'))).toBe('errInternal');
    expect(errorWords('weird-code')).toBe('errInternal');
    expect(errorCode({ code: 'not-found' })).toBe('not-found');
  });
});
