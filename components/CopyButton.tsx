import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { copyText } from './copy';

/**
 * A "复制" button that copies `text` and says for a moment whether it worked. `root` is where a copy fallback may
 * put its hidden textarea: the shadow root in a page, the document in extension pages.
 */
export function CopyButton({ text, what, root = document }: { text: string; what: string; root?: Node }) {
  const [state, setState] = useState<'idle' | 'ok' | 'fail'>('idle');
  return (
    <button
      type="button"
      class="copy"
      aria-label={t('actionCopyWhat', what)}
      onClick={async () => {
        setState((await copyText(text, root)) ? 'ok' : 'fail');
        setTimeout(() => setState('idle'), 1500);
      }}
    >
      {state === 'ok' ? t('copied') : state === 'fail' ? t('copyFailed') : t('actionCopy')}
    </button>
  );
}
