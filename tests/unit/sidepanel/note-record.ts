import type { NoteRecord } from '../../../storage';

/** A stored note of `documentId` on article `number` (in the bin when `deleted` is given), for the panel's tests. */
export const noteRecord = (id: string, documentId: string, number: number, deleted?: number): NoteRecord =>
  ({
    id,
    documentId,
    article: { number, sub: 0, label: `第${number}条`, excerpt: '' },
    passage: null,
    stance: 'modify',
    suggestion: '',
    reason: '',
    comment: '',
    tags: [],
    createdAt: number,
    updatedAt: number,
    revision: 1,
    ...(deleted === undefined ? {} : { deleted }),
  }) as NoteRecord;
