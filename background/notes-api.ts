import { importBackupText, type NoteRecord, type NotesService } from '../storage';
import { StorageError } from '../storage/errors';
import type { NotesReplies, NotesReply, NotesRequest } from '../shared/messages';

/** What a request changed: one document's notes, every document's ('*', e.g. a tag rename), or nothing. */
export type Changed = string | null;

type Outcome<K extends NotesRequest['type']> = { value: NotesReplies[K]; changed: Changed; note?: NoteRecord };

/**
 * Carries out one validated notes request against the database and returns the reply to send back, the
 * document whose notes changed (to tell every tab; '*' for all) and, when one note changed, that note. Storage errors (bad input, quota, a closed
 * database) become `{ok: false, error}` replies, so the sender can keep the unsaved text and say why; other
 * errors are bugs and are rethrown.
 */
export async function handleNotesRequest<R extends NotesRequest>(
  service: NotesService,
  request: R,
): Promise<{ reply: NotesReply<NotesReplies[R['type']]>; changed: Changed; note?: NoteRecord }> {
  try {
    const { value, changed, note } = (await run(service, request)) as Outcome<R['type']>;
    return note ? { reply: { ok: true, value }, changed, note } : { reply: { ok: true, value }, changed };
  } catch (e) {
    if (e instanceof StorageError) return { reply: { ok: false, error: { code: e.code, message: e.message } }, changed: null };
    throw e;
  }
}

async function run(service: NotesService, request: NotesRequest): Promise<Outcome<NotesRequest['type']>> {
  switch (request.type) {
    case 'doc:open': {
      // a draft of this title read only on another site: the reviewer is asked first, and no notes are sent
      const opened = await service.openPage({ url: request.url, title: request.title, notice: request.notice });
      if ('ask' in opened) return { value: opened, changed: null };
      const { document } = opened;
      const [notes, tags] = await Promise.all([service.listNotes(document.id), service.listTags()]);
      return { value: { document, notes, tags }, changed: null };
    }
    case 'notes:list':
      return { value: await service.listNotes(request.documentId), changed: null };
    case 'note:save': {
      const result = await service.saveNote(request.note as Parameters<NotesService['saveNote']>[0]);
      return result.ok ? { value: result, changed: result.note.documentId, note: result.note } : { value: result, changed: null };
    }
    case 'note:delete':
    case 'note:restore': {
      const note = request.type === 'note:delete' ? await service.deleteNote(request.id) : await service.restoreNote(request.id);
      return { value: note, changed: note.documentId, note };
    }
    case 'tags:list':
      return { value: await service.listTags(), changed: null };
    case 'tag:rename':
      return { value: await service.renameTag(request.from, request.to), changed: '*' };
    case 'tag:merge':
      return { value: await service.mergeTags(request.sources, request.target), changed: '*' };
    case 'tag:delete':
      return { value: await service.deleteTag(request.name), changed: '*' };
    case 'comment:save': {
      const result = await service.saveComment(request.comment as Parameters<NotesService['saveComment']>[0]);
      return { value: result, changed: result.ok ? result.comment.documentId : null };
    }
    case 'comment:delete': {
      const comment = await service.deleteComment(request.id);
      return { value: comment, changed: comment.documentId };
    }
    case 'backup:import': {
      const r = await importBackupText(service.db, request.text);
      return r.ok
        ? { value: r, changed: '*' }
        : { value: { ok: false, code: r.code, message: r.message, path: r.path ?? null, record: r.record ?? null }, changed: null };
    }
  }
}
