import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';

interface Props {
  title: string;
  /** Closed by Esc, by Cancel, or by the caller after a successful confirm. */
  onClose(): void;
  /** Runs on submit (Enter in a field or the confirm button). */
  onConfirm(): void;
  confirmLabel: string;
  /** The confirm button is disabled (invalid input, a request in flight). */
  disabled?: boolean;
  danger?: boolean;
  children: ComponentChildren;
}

/**
 * A modal confirmation (native <dialog>): the rest of the panel is inert while it is open, Esc and Cancel
 * close it, and focus goes back to the control that opened it (or to the visible tab panel when that
 * control is gone, e.g. the row of a deleted tag).
 */
export function Dialog({ title, onClose, onConfirm, confirmLabel, disabled, danger, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // the control that opened the dialog, taken at the first render (effects may run a frame later)
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    return () => {
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      // after the dialog has left the page (and the top layer), so that nothing is inert any more
      setTimeout(() => {
        const back = opener?.isConnected ? opener : document.querySelector<HTMLElement>('[role=tabpanel]:not([hidden])');
        back?.focus();
      });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!disabled) onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={onClose}>
            {t('panelActionCancel')}
          </button>
          <button type="submit" class={danger ? 'danger' : 'primary'} disabled={disabled}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
