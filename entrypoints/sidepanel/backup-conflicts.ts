/**
 * What the reviewer's choice on an import conflict asks of the background. Pure: no DOM, no browser APIs.
 * "Keep mine" writes nothing; "take the file's" saves the file's text over the stored record through the
 * normal save (with the stored revision as base, so a change made meanwhile comes back as a new conflict);
 * "keep both" saves the file's text as a new record beside the stored one.
 */
import type { NotesRequest } from '../../shared/messages';
import type { ImportConflict } from '../../storage/backup';

export type ConflictChoice = 'mine' | 'theirs' | 'both';

/**
 * Returns the requests that carry out `choice` on `c`, in order: none for 'mine'; a save with the stored
 * revision as base for 'theirs' (followed by a restore when the stored note is in the bin: the reviewer
 * chose the file's live note); a save without id for 'both'. Never throws.
 */
export function resolutionRequests(c: ImportConflict, choice: ConflictChoice): NotesRequest[] {
  if (choice === 'mine') return [];
  if (c.kind === 'comment') {
    const comment: Record<string, unknown> = { documentId: c.mine.documentId, text: c.theirs.text };
    if (choice === 'theirs') Object.assign(comment, { id: c.mine.id, baseRevision: c.mine.revision });
    return [{ type: 'comment:save', comment }];
  }
  const { theirs, mine } = c;
  const note: Record<string, unknown> = {
    documentId: mine.documentId,
    article: theirs.article,
    passage: theirs.passage,
    stance: theirs.stance,
    suggestion: theirs.suggestion,
    reason: theirs.reason,
    comment: theirs.comment,
    tags: theirs.tags,
  };
  if (choice === 'both') return [{ type: 'note:save', note }];
  const save: NotesRequest = { type: 'note:save', note: { ...note, id: mine.id, baseRevision: mine.revision } };
  return mine.deleted === undefined ? [save] : [save, { type: 'note:restore', id: mine.id }];
}

/** A stable key for a conflict in a list (kind and id). */
export const conflictKey = (c: ImportConflict): string => `${c.kind}:${c.mine.id}`;
