import type { InteractionController } from './interaction';

/** Routes the canvas's pointer events (and Escape) to the interaction controller. */
export function attachPointerInput(
  canvas: HTMLCanvasElement,
  controller: InteractionController,
): () => void {
  const local = (e: MouseEvent): { x: number; y: number; button: number; shiftKey: boolean } => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top, button: e.button, shiftKey: e.shiftKey };
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && controller.busy) controller.cancel();
  };
  const listeners: [string, EventListener][] = [
    [
      'pointerdown',
      ((e: PointerEvent) => {
        if (!e.isPrimary) return;
        if (controller.down(local(e))) {
          canvas.setPointerCapture(e.pointerId);
          e.preventDefault();
        }
      }) as EventListener,
    ],
    [
      'pointermove',
      ((e: PointerEvent) => e.isPrimary && controller.move(local(e))) as EventListener,
    ],
    ['pointerup', ((e: PointerEvent) => e.isPrimary && controller.up(local(e))) as EventListener],
    ['pointercancel', (() => controller.cancel()) as EventListener],
    ['pointerleave', (() => controller.leave()) as EventListener],
    ['dblclick', ((e: MouseEvent) => controller.dblclick(local(e))) as EventListener],
  ];
  for (const [type, fn] of listeners) canvas.addEventListener(type, fn);
  window.addEventListener('keydown', onKey);
  return () => {
    for (const [type, fn] of listeners) canvas.removeEventListener(type, fn);
    window.removeEventListener('keydown', onKey);
  };
}
