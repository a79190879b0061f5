/**
 * Runs `fn` once the page has painted what is pending now: in a task queued from the next
 * animation frame, so it runs after that frame is drawn. For work a person's input starts but
 * need not hold back the input's own feedback (a view opens first; the map recolours for it in
 * the frame after). Returns what cancels it.
 *
 * The frame and task schedulers are injected for tests; the browser's by default.
 */
export function afterPaint(
  fn: () => void,
  frame: (cb: () => void) => number = requestAnimationFrame,
  cancelFrame: (handle: number) => void = cancelAnimationFrame,
  task: (cb: () => void) => unknown = (cb) => setTimeout(cb, 0),
): () => void {
  let cancelled = false;
  const handle = frame(() => {
    void task(() => {
      if (!cancelled) fn();
    });
  });
  return () => {
    cancelled = true;
    cancelFrame(handle);
  };
}
