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
  const code = (e as { code?: unknown } | null)?.code;
  return t('panelRequestFailed', t(errorKey(typeof code === 'string' ? code : 'internal')));
}
