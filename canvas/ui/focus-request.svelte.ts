/** Who answers focus requests (the workbench: `requestFocus` asks, `takeFocusRequest` answers). */
export interface FocusRequests {
  takeFocusRequest(target: string): boolean;
}

/**
 * Svelte action: the node takes keyboard focus (once drawn) whenever `target` is asked to, so a
 * command can say "focus the name field" without knowing the page's element ids.
 * `<input use:focusOnRequest={[wb, 'session.whoName']} />`
 */
export function focusOnRequest(
  node: HTMLElement,
  [requests, target]: readonly [FocusRequests, string],
): void {
  $effect(() => {
    if (requests.takeFocusRequest(target)) requestAnimationFrame(() => node.focus());
  });
}
