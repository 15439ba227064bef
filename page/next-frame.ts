/**
 * Resolves in a task after the page's next frame (its own pending style and layout done in its own rendering task,
 * so that reads of boxes after it do not pull that work into the caller's task), or after `maxMs` at most: a tab in
 * the background gets no frames, and a document without rendering (unit tests) has no requestAnimationFrame.
 */
export function nextFrame(maxMs = 100): Promise<void> {
  return new Promise((ok) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(ok, 0));
    setTimeout(ok, typeof requestAnimationFrame === 'function' ? maxMs : 0);
  });
}

/** Resolves in a task of its own: what follows runs after the page's pending tasks, not in the caller's task. */
export const nextTask = (): Promise<void> => new Promise((ok) => setTimeout(ok, 0));
