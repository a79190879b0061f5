import { isGuestName } from '../../platform/identity';
import { keepColoursApart } from './colours.svelte';
import { onMapOpened, registerCommand, registerView } from '../../workbench/registry';
import { closeNameDialog, openNameDialog } from './name-dialog';
import { ICONS } from '../../workbench/icons';
import PeopleView from './PeopleView.svelte';

export function registerPeople(): void {
  onMapOpened((wb) => {
    // A name is asked once per device, on joining a room to take part.
    if (wb.session.role !== 'view' && isGuestName(wb.session.user.name)) openNameDialog(wb, true);
    const stop = keepColoursApart(wb);
    return () => {
      stop();
      closeNameDialog();
    };
  });
  registerView({
    id: 'people',
    title: 'People',
    location: 'sidebar',
    order: 20,
    icon: ICONS.people,
    component: PeopleView,
    keybinding: 'mod+shift+2',
  });
  registerCommand({
    id: 'people.follow',
    title: 'Follow Someone…',
    category: 'People',
    keybinding: 'alt+shift+f',
    when: (c) => c.hasMap,
    run: (wb) =>
      wb.openQuickInput({
        title: 'Follow someone',
        placeholder: 'Whose view should yours follow?',
        items: wb.session.peers.map((p) => ({
          id: String(p.clientId),
          label: p.user.name,
          ...(p.viewport ? {} : { description: 'not on the map yet' }),
        })),
        emptyText: 'Nobody else is here right now.',
        accept: (item) => wb.follow(Number(item.id)),
      }),
  });
  registerCommand({
    id: 'people.stopFollowing',
    title: 'Stop Following',
    category: 'People',
    keybinding: 'alt+shift+s',
    when: (c) => c.following,
    run: (wb) => wb.stopFollowing(),
  });
  registerCommand({
    id: 'people.editMe',
    title: 'Change My Name and Colour',
    category: 'People',
    keybinding: 'alt+shift+n',
    keybindingInInputs: true,
    when: (c) => c.hasMap,
    run: (wb) => openNameDialog(wb),
  });
}
