import { serviceId, type ServiceId } from '../../platform/services';
import { onMapOpened, registerCommand, registerContextKeys } from '../../workbench/registry';
import { wantsPresent } from './leader';
import { Presenter } from './presenter.svelte';

/**
 * Present mode (issue #14): the map alone, full window, fitted so its labels read; on a view
 * link it follows the facilitator. F5 (or the palette) turns it on and off, Esc leaves, and a
 * room link with `&present` opens in it (a projector's link).
 */

/** This map's presenter, in the workbench's service container. */
const PRESENTER: ServiceId<Presenter> = serviceId('presenter');

export function registerPresent(): void {
  onMapOpened((wb) => {
    const p = new Presenter(wb);
    const remove = wb.services.provide(PRESENTER, p);
    let closed = false;
    if (wantsPresent(location.hash))
      // Once the map has arrived from the host, as a projector opens its link.
      void (wb.session.connection?.whenSynced() ?? Promise.resolve()).then(() =>
        requestAnimationFrame(() => {
          if (!closed) void p.start();
        }),
      );
    return () => {
      closed = true;
      remove();
    };
  });
  registerContextKeys((wb) => ({ presenting: wb.presenting }));
  registerCommand({
    id: 'present.toggle',
    title: 'Present the Map (Full Window) On or Off',
    category: 'View',
    keybinding: 'f5',
    keybindingInInputs: true,
    when: (c) => c.hasMap,
    run: (wb) => wb.services.get(PRESENTER)?.toggle(),
  });
}
