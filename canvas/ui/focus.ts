/** What a part focuses first when asked to take focus. */
export const FIRST_CONTROL = 'input, button, [tabindex="0"]';

/**
 * Focuses the first control inside the element `host()` returns (or the element itself) once
 * the page has drawn it: for a component honouring the workbench's focus request.
 */
export function focusFirstWhenDrawn(
  host: () => HTMLElement | null | undefined,
  selector = FIRST_CONTROL,
): void {
  requestAnimationFrame(() => {
    const el = host();
    const target = el?.querySelector<HTMLElement>(selector) ?? el;
    target?.focus();
  });
}
