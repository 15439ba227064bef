import { browser } from 'wxt/browser';
import { FRAME_HELLO, FRAME_PATH, parseFromFrame, type FrameEditor, type FromFrame, type ToFrame } from '../../shared/frame-messages';

/** The frame's least and first height (px) before it tells its own. */
const FIRST_HEIGHT = 420;
/** The least height (px) the frame keeps when the window has less room below its top. */
const MIN_HEIGHT = 240;

/**
 * The note editor's frame: an extension page (entrypoints/note-frame) in an <iframe> inside the closed shadow
 * root, made on first use and kept (hidden) for the next note. Typing happens in that page's own origin, so the
 * page's scripts never see a keystroke. The frame gets a MessagePort over one window message that carries the
 * secret written into its URL's fragment (which the page cannot read); the page may post to the frame's window
 * too, but without the secret the frame ignores it. A frame the page navigated away (it can set a child frame's
 * location) is thrown away and made afresh, and the port is only ever posted to the extension's origin.
 */
export class NoteFrame {
  private frame: HTMLIFrameElement | null = null;
  private port: MessagePort | null = null;
  private last = '';
  private height = FIRST_HEIGHT;
  private top = 0;

  constructor(
    private readonly root: ShadowRoot,
    private readonly onMessage: (message: FromFrame) => void,
  ) {}

  /** True while the editor is shown. */
  get open(): boolean {
    return !!this.frame && !this.frame.hidden;
  }

  /** The frame element, when made (focus inside it shows as this element in the shadow root). */
  get element(): HTMLIFrameElement | null {
    return this.frame;
  }

  /** Makes the frame now (hidden), so that it is loaded when the reviewer opens a note. */
  preload(): void {
    if (!this.frame) this.make();
  }

  /** Shows `editor` at (`top`, `left`) in document coordinates; `focus` puts the focus in its first box. */
  show(editor: FrameEditor, top: number, left: number, focus: boolean): void {
    const frame = this.frame ?? this.make();
    this.top = top;
    frame.style.top = `${top}px`;
    frame.style.left = `${left}px`;
    frame.title = editor.label;
    frame.hidden = false;
    this.fit();
    const message: ToFrame = { type: 'show', editor, focus };
    const key = JSON.stringify(editor);
    if (focus || key !== this.last) this.post(message);
    this.last = key;
    if (focus) frame.focus();
  }

  /** Hides the editor; the frame writes what was typed. */
  hide(): void {
    if (!this.frame || this.frame.hidden) return;
    this.post({ type: 'hide' });
    this.last = '';
    this.frame.hidden = true;
  }

  private post(message: ToFrame): void {
    this.port?.postMessage(message);
  }

  /**
   * As tall as the editor, but ending inside the window (the frame scrolls its own content, as the card did):
   * every control can be reached without scrolling the page. Never shorter than MIN_HEIGHT while the editor is taller.
   */
  private fit(): void {
    if (!this.frame) return;
    const room = window.scrollY + window.innerHeight - 8 - this.top;
    this.frame.style.height = `${Math.max(Math.min(this.height, room), Math.min(this.height, MIN_HEIGHT))}px`;
  }

  private make(): HTMLIFrameElement {
    const secret = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    const url = browser.runtime.getURL(FRAME_PATH as '/note-frame.html');
    // Chrome hands out a per-session URL (use_dynamic_url) but the page it loads has the extension's own
    // origin; Firefox's moz-extension:// host is that origin already
    const origin = url.startsWith('chrome-extension:') ? `chrome-extension://${browser.runtime.id}` : /^[a-z-]+:\/\/[^/]+/.exec(url)![0];
    const frame = document.createElement('iframe');
    frame.className = 'note-frame';
    frame.hidden = true;
    frame.src = `${url}#${secret}`;
    // messages sent before the frame loads wait in the channel until the frame takes its end
    const channel = new MessageChannel();
    this.port = channel.port1;
    channel.port1.onmessage = (e) => {
      const message = parseFromFrame(e.data);
      if (!message) return;
      if (message.type === 'size') {
        this.height = Math.max(80, message.height + 2);
        this.fit();
      } else this.onMessage(message);
    };
    let loads = 0;
    frame.addEventListener('load', () => {
      if (++loads === 1) {
        frame.contentWindow?.postMessage({ type: FRAME_HELLO, secret }, origin, [channel.port2]);
        return;
      }
      // loaded again: something navigated the frame; never let the reviewer type into what it shows now
      const wasOpen = !frame.hidden;
      this.discard();
      if (wasOpen) this.onMessage({ type: 'close' });
    });
    this.root.appendChild(frame);
    this.frame = frame;
    return frame;
  }

  private discard(): void {
    this.port?.close();
    this.port = null;
    this.frame?.remove();
    this.frame = null;
    this.last = '';
  }
}
