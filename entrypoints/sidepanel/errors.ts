import { errorCode } from '../../shared/error-words';
import { t, type MessageKey } from '../../shared/i18n';

/** What the panel says when a request to the background fails, by RequestError code. */
const ERROR_KEYS: Record<string, MessageKey> = {
  quota: 'panelErrorQuota',
  closed: 'panelErrorClosed',
  unreachable: 'panelErrorUnreachable',
  'not-found': 'panelErrorNotFound',
  invalid: 'panelErrorInvalid',
  'too-large': 'panelErrorTooLarge',
  ask: 'controlErrorAsk',
};

/** The message key for a RequestError code ('quota', 'unreachable' …); anything else reads as internal. */
export function errorKey(code: string): MessageKey {
  return ERROR_KEYS[code] ?? 'panelErrorInternal';
}

/** A failed request in the reviewer's words ("操作失败:存储空间不足"). Never throws. */
export function errorText(e: unknown): string {
  // errorCode also reads the browser's own errors (a full disk from a live query has no code of ours)
  return t('panelRequestFailed', t(errorKey(errorCode(e))));
}
