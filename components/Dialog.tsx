import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import './dialog.css';

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
  /** The cancel button's text ("取消" by default). */
  cancelLabel?: string;
  /** Extra class for the dialog, and the buttons' classes where the page styles its own buttons. */
  class?: string;
  buttons?: { cancel: string; confirm: string };
  /** data-testid of the dialog and of its confirm button. */
  testId?: string;
  confirmTestId?: string;
  children: ComponentChildren;
}

/**
 * A modal confirmation (native <dialog>), for the side panel, the popup and the export panel: the rest of the
 * page is inert while it is open, Esc and Cancel close it, and focus goes back to the control that opened it (or
 * to the visible tab panel when that control is gone, e.g. the row of a deleted tag).
 */
export function Dialog(props: Props) {
  const { title, onClose, onConfirm, confirmLabel, disabled, danger, children } = props;
  const buttons = props.buttons ?? { cancel: 'secondary', confirm: danger ? 'danger' : 'primary' };
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
      class={props.class ? `dialog ${props.class}` : 'dialog'}
      aria-labelledby={titleId}
      data-testid={props.testId}
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
          <button type="button" class={buttons.cancel} onClick={onClose}>
            {props.cancelLabel ?? t('panelActionCancel')}
          </button>
          <button type="submit" class={buttons.confirm} disabled={disabled} data-testid={props.confirmTestId}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
