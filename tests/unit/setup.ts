import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * The fake browser has no commands.onCommand: give it a minimal event, so the background can listen and a test
 * can fire a keyboard command (`fireCommand`).
 */
type Listener = (command: string, tab?: unknown) => void;
const listeners = new Set<Listener>();
Object.assign(fakeBrowser.commands, {
  onCommand: {
    addListener: (l: Listener) => void listeners.add(l),
    removeListener: (l: Listener) => void listeners.delete(l),
    hasListener: (l: Listener) => listeners.has(l),
  },
});
const reset = fakeBrowser.reset.bind(fakeBrowser);
fakeBrowser.reset = () => {
  listeners.clear();
  reset();
};

/** Fires a keyboard command at every listener, as the browser does when its keys are pressed. */
export function fireCommand(command: string, tab?: unknown): void {
  for (const l of listeners) l(command, tab);
}
