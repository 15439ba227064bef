import type { NotesService } from '../storage';
import { StorageError } from '../storage/errors';
import type { ControlReplies, ControlRequest } from '../shared/control-messages';
import type { NotesReply } from '../shared/messages';

/**
 * Carries out one validated control request (shared/control-messages.ts) and returns the reply and the document
 * whose record changed (the tabs showing it are told), or null. Storage errors become `{ok: false, error}`
 * replies; other errors are bugs and are rethrown.
 */
export async function handleControlRequest<R extends ControlRequest>(
  service: NotesService,
  request: R,
): Promise<{ reply: NotesReply<ControlReplies[R['type']]>; changed: string | null }> {
  try {
    const { value, changed } = await run(service, request);
    return { reply: { ok: true, value: value as ControlReplies[R['type']] }, changed };
  } catch (e) {
    if (e instanceof StorageError) return { reply: { ok: false, error: { code: e.code, message: e.message } }, changed: null };
    throw e;
  }
}

async function run(service: NotesService, request: ControlRequest): Promise<{ value: unknown; changed: string | null }> {
  switch (request.type) {
    case 'doc:answer': {
      const input = { url: request.url, title: request.title, notice: request.notice };
      const document =
        request.answer === 'link'
          ? await service.linkPage(request.documentId, request.url)
          : ((await service.openPage(input, { separate: true })) as { document: Awaited<ReturnType<NotesService['linkPage']>> }).document;
      const [notes, tags] = await Promise.all([service.listNotes(document.id), service.listTags()]);
      return { value: { document, notes, tags }, changed: null };
    }
    case 'notice:correct': {
      const document = await service.correctField(request.documentId, request.field, request.value);
      return { value: document, changed: document.id };
    }
    case 'notice:seen': {
      const document = await service.clearChanges(request.documentId);
      return { value: document, changed: null };
    }
  }
}
