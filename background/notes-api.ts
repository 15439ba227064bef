import type { DocumentRecord, NoteRecord, NotesService, SaveNoteResult } from '../storage';
import { StorageError } from '../storage/errors';
import type { NotesReply, NotesRequest } from '../shared/messages';

/** What each request answers with. */
export interface NotesReplies {
  'doc:open': { document: DocumentRecord; notes: NoteRecord[] };
  'note:save': SaveNoteResult;
  'note:delete': NoteRecord;
  'note:restore': NoteRecord;
}

/**
 * Carries out one validated notes request against the database and returns the reply to send back, and the
 * document whose notes changed (to tell every tab). Storage errors (bad input, quota, a closed database)
 * become `{ok: false, error}` replies, so the sender can keep the unsaved text and say why; other errors
 * are bugs and are rethrown.
 */
export async function handleNotesRequest(
  service: NotesService,
  request: NotesRequest,
): Promise<{ reply: NotesReply<NotesReplies[NotesRequest['type']]>; changed: string | null }> {
  try {
    switch (request.type) {
      case 'doc:open': {
        const document = await service.openDocument({ url: request.url, title: request.title, notice: request.notice });
        return { reply: { ok: true, value: { document, notes: await service.listNotes(document.id) } }, changed: null };
      }
      case 'note:save': {
        const result = await service.saveNote(request.note as Parameters<NotesService['saveNote']>[0]);
        return { reply: { ok: true, value: result }, changed: result.ok ? result.note.documentId : null };
      }
      case 'note:delete':
      case 'note:restore': {
        const note = request.type === 'note:delete' ? await service.deleteNote(request.id) : await service.restoreNote(request.id);
        return { reply: { ok: true, value: note }, changed: note.documentId };
      }
    }
  } catch (e) {
    if (e instanceof StorageError) return { reply: { ok: false, error: { code: e.code, message: e.message } }, changed: null };
    throw e;
  }
}
