import { t, type MessageKey } from '../shared/i18n';

const ERROR_KEYS: Record<string, MessageKey> = {
  quota: 'errQuota',
  closed: 'errClosed',
  unreachable: 'errUnreachable',
  'too-large': 'errTooLarge',
  invalid: 'errInvalid',
};

/** A failed request's code ('quota', 'unreachable' …) in the reviewer's words. */
export function errorWords(code: string | undefined): string {
  return t(ERROR_KEYS[code ?? ''] ?? 'errInternal');
}
