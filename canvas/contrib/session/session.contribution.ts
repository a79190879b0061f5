import {
  actionsToCsv,
  lockElements,
  revealPrivateNotes,
  revealVote,
  setMapLocked,
  setPrivateMode,
  spotlightElement,
  summonEveryone,
  unlockElements,
} from '../../../shared/session/index';
import type { When } from '../../platform/context-keys';
import {
  onMapOpened,
  registerCommand,
  registerContextKeys,
  registerView,
} from '../../workbench/registry';
import type { Workbench } from '../../workbench/workbench.svelte';
import { downloadText, fileStem } from './download';
import { makeSessionReport } from './report';
import ActionsView from './ActionsView.svelte';
import ReflectionView from './ReflectionView.svelte';
import SessionView from './SessionView.svelte';
import { mountSessionBar } from './session-bar';
import { sessionStore, startSession, type SessionStore } from './session-store.svelte';
import { closeShareDialog, openShareDialog } from './share-dialog';
import { startVoteClicks } from './vote-clicks';
import { startMapDots } from './map-dots.svelte';
import { openVoteOn, type OpenVoteArgs } from './open-vote';
import { registerAgendaCommands } from './agenda-commands';

/** A stopwatch (24x24). */
const SESSION_ICON =
  'M9 1h6v2H9zm3 4a8 8 0 1 1 0 16 8 8 0 0 1 0-16zm0 2a6 6 0 1 0 0 12 6 6 0 0 0 0-12zm-1 2h2v4.6l3 1.8-1 1.7-4-2.4z';
/** Cards on a board (24x24). */
const BOARD_ICON = 'M3 4h8v7H3zm10 0h8v5h-8zM3 13h8v7H3zm10-2h8v9h-8z';
/** A checklist (24x24). */
const ACTIONS_ICON =
  'M3 5l2 2 3-3 1.4 1.4L5 9.8 1.6 6.4zm8 0h10v2H11zM3 13l2 2 3-3 1.4 1.4L5 17.8l-3.4-3.4zm8 0h10v2H11z';

const facilitator: When = (c) => c.hasMap && c.isFacilitator === true;
const participant: When = (c) => c.hasMap && c.canTakePart === true;

function store(wb: Workbench): SessionStore {
  const s = sessionStore(wb);
  if (!s) throw new Error('The session is not ready yet.');
  return s;
}

/** Where the `bring everyone to me` viewport comes from: the centre of this screen's map. */
function myViewport(wb: Workbench): { x: number; y: number; k: number } | null {
  const v = wb.renderer?.getViewport();
  if (!v) return null;
  return {
    x: Math.round(v.rect.x + v.rect.width / 2),
    y: Math.round(v.rect.y + v.rect.height / 2),
    k: v.zoom,
  };
}

function openVoteId(wb: Workbench): string | undefined {
  const votes = [...store(wb).snapshot.votes.values()].sort((a, b) => b.createdAt - a.createdAt);
  return (votes.find((v) => v.state === 'open') ?? votes.find((v) => !v.revealed))?.id;
}

export function registerSession(): void {
  registerContextKeys((wb) => {
    const s = sessionStore(wb);
    const snap = s?.snapshot;
    return {
      isFacilitator: wb.session.role === 'facilitator',
      canTakePart: wb.session.role !== 'view',
      sessionLocked: snap?.locked ?? false,
      privateMode: snap?.privateMode ?? false,
      voteOpen: snap ? [...snap.votes.values()].some((v) => v.state === 'open') : false,
      timerRunning: snap?.timer.state === 'running',
    };
  });
  onMapOpened((wb) => {
    const stop = startSession(wb);
    const s = sessionStore(wb)!;
    const unmount = mountSessionBar(wb, s);
    const clicks = startVoteClicks(wb, s);
    const dots = startMapDots(wb, s);
    return () => {
      closeShareDialog();
      dots();
      clicks();
      unmount();
      stop();
    };
  });

  registerView({
    id: 'session',
    title: 'Session',
    location: 'sidebar',
    order: 5,
    icon: SESSION_ICON,
    component: SessionView,
    keybinding: 'mod+alt+s',
  });
  registerView({
    id: 'reflection',
    title: 'Reflection',
    location: 'sidebar',
    order: 60,
    icon: BOARD_ICON,
    component: ReflectionView,
    keybinding: 'mod+alt+b',
  });
  registerView({
    id: 'actions',
    title: 'Actions',
    location: 'sidebar',
    order: 61,
    icon: ACTIONS_ICON,
    component: ActionsView,
    keybinding: 'mod+alt+a',
  });

  registerAgendaCommands();

  // ---- attention ----
  registerCommand({
    id: 'session.summon',
    title: 'Bring Everyone to Me',
    category: 'Session',
    keybinding: 'mod+alt+u',
    when: facilitator,
    run: (wb) => {
      const v = myViewport(wb);
      if (!v) return;
      if (store(wb).run((ctx) => summonEveryone(ctx, v))) wb.say('Everyone now sees what you see.');
    },
  });
  registerCommand({
    id: 'session.spotlight',
    title: 'Spotlight the Selected Element for Everyone',
    category: 'Session',
    keybinding: 'mod+alt+l',
    when: (c) => facilitator(c) && c.selectedElements > 0,
    run: (wb, args) => {
      const id =
        typeof args === 'string' ? args : wb.selection.find((x) => wb.snapshot.elements.has(x));
      if (!id) return;
      const s = store(wb);
      if (s.run((ctx) => spotlightElement(ctx, id))) s.showSpotlight(id, 'You');
    },
  });

  // ---- locks and private mode ----
  registerCommand({
    id: 'session.lockMap',
    title: 'Lock or Unlock the Whole Map',
    category: 'Session',
    keybinding: 'mod+alt+k',
    when: facilitator,
    run: (wb) => {
      const s = store(wb);
      const on = !s.snapshot.locked;
      s.run((ctx) => setMapLocked(ctx, on));
      wb.say(
        on
          ? 'The map is locked: participants cannot change it; everyone syncs through the host.'
          : 'The map is unlocked.',
      );
    },
  });
  registerCommand({
    id: 'session.lockSelection',
    title: 'Lock or Unlock the Selected Elements',
    category: 'Session',
    keybinding: 'mod+alt+j',
    when: (c) => facilitator(c) && c.selectedElements > 0,
    run: (wb) => {
      const s = store(wb);
      const ids = wb.selection.filter((id) => wb.snapshot.elements.has(id));
      const allLocked = ids.every((id) => s.snapshot.elementLocks.has(id));
      s.run((ctx) => (allLocked ? unlockElements(ctx, ids) : lockElements(ctx, ids)));
      wb.say(
        `${allLocked ? 'Unlocked' : 'Locked'} ${ids.length} element${ids.length === 1 ? '' : 's'}${allLocked ? '.' : ': participants cannot change them.'}`,
      );
    },
  });
  registerCommand({
    id: 'session.privateMode',
    title: 'Private Mode On or Off (New Notes Hidden Until Revealed)',
    category: 'Session',
    keybinding: 'mod+alt+p',
    when: facilitator,
    run: (wb) => {
      const s = store(wb);
      const on = !s.snapshot.privateMode;
      s.run((ctx) => setPrivateMode(ctx, on));
      wb.say(
        on
          ? 'Private mode: new notes are hidden from others until you reveal them (hidden, not encrypted).'
          : 'Private mode is off; notes written in it stay hidden until you reveal them.',
      );
    },
  });
  registerCommand({
    id: 'session.revealNotes',
    title: 'Reveal Private Notes to Everyone',
    category: 'Session',
    keybinding: 'mod+alt+e',
    when: facilitator,
    run: (wb) => {
      const n = store(wb).run((ctx) => revealPrivateNotes(ctx));
      if (n !== undefined) wb.say(`Revealed ${n} note${n === 1 ? '' : 's'} to everyone.`);
    },
  });

  // ---- voting ----
  registerCommand({
    id: 'session.openVote',
    title: 'Open a Dot Vote (Selection, or the Leverage Candidates)',
    category: 'Session',
    keybinding: 'mod+alt+v',
    when: facilitator,
    run: (wb, args) => openVoteOn(wb, (args as OpenVoteArgs | undefined) ?? {}),
  });
  registerCommand({
    id: 'session.revealVote',
    title: 'Reveal the Vote’s Results',
    category: 'Session',
    keybinding: 'mod+alt+w',
    when: facilitator,
    run: (wb, args) => {
      const id = typeof args === 'string' ? args : openVoteId(wb);
      if (!id) {
        wb.say('There is no vote to reveal.', 'error');
        return;
      }
      store(wb).run((ctx) => revealVote(ctx, id));
    },
  });
  registerCommand({
    id: 'session.voteOnMap',
    title: 'Place Dots by Clicking the Map: On or Off',
    category: 'Session',
    keybinding: 'mod+alt+d',
    when: (c) => participant(c) && c.voteOpen === true,
    run: (wb) => {
      const s = store(wb);
      if (s.voteOnMap) {
        s.voteOnMap = null;
        wb.say('Clicks on the map select again.');
        return;
      }
      const id = openVoteId(wb);
      const vote = id ? s.snapshot.votes.get(id) : undefined;
      if (!vote || vote.state !== 'open') return;
      s.voteOnMap = vote.id;
      wb.say('Click an element on the map to place a dot; Shift+click takes one back.');
    },
  });

  // ---- who is here, board, actions ----
  registerCommand({
    id: 'session.addMe',
    title: 'Add Myself to the Map (Who Is Here)',
    category: 'Session',
    keybinding: 'mod+alt+i',
    when: participant,
    run: (wb) => {
      wb.showView('session');
      wb.requestFocus('session.whoName');
    },
  });
  registerCommand({
    id: 'session.newCard',
    title: 'Write a Reflection Card',
    category: 'Session',
    keybinding: 'mod+alt+c',
    when: participant,
    run: (wb) => {
      wb.showView('reflection');
      wb.requestFocus('session.cardText');
    },
  });
  registerCommand({
    id: 'session.newAction',
    title: 'Add an Action',
    category: 'Session',
    keybinding: 'mod+alt+y',
    when: participant,
    run: (wb) => {
      wb.showView('actions');
      wb.requestFocus('session.actionTitle');
    },
  });
  registerCommand({
    id: 'session.exportActions',
    title: 'Export Actions as CSV',
    category: 'Session',
    keybinding: 'mod+alt+f',
    when: (c) => c.hasMap,
    run: (wb) => {
      const s = store(wb);
      const actions = [...s.snapshot.actions.values()].sort((a, b) => a.createdAt - b.createdAt);
      if (!actions.length) {
        wb.say('There are no actions to export yet.');
        return;
      }
      const labels = new Map([...wb.snapshot.elements.values()].map((e) => [e.id, e.label]));
      downloadText(
        `${fileStem(wb.snapshot.meta.title)}-actions.csv`,
        actionsToCsv(actions, labels),
        'text/csv',
      );
      wb.say(`Exported ${actions.length} action${actions.length === 1 ? '' : 's'} as CSV.`);
    },
  });

  // ---- sharing ----
  registerCommand({
    id: 'session.shareLinks',
    title: 'Share: Edit, View and Facilitator Links…',
    category: 'Session',
    keybinding: 'mod+alt+x',
    when: (c) => c.hasMap,
    run: (wb) => openShareDialog(wb),
  });

  // ---- the report ----
  registerCommand({
    id: 'session.report',
    title: 'Make Session Report (HTML and Markdown)',
    category: 'Session',
    keybinding: 'mod+alt+r',
    when: (c) => c.hasMap,
    run: async (wb) => {
      const stem = `${fileStem(wb.snapshot.meta.title)}-report`;
      const report = await makeSessionReport(wb, store(wb).read(), stem);
      downloadText(`${stem}.html`, report.html, 'text/html');
      downloadText(`${stem}.md`, report.markdown, 'text/markdown');
      downloadText(report.imageName, report.svg, 'image/svg+xml');
      wb.say(
        'The session report is downloading: an HTML page (print it to PDF), Markdown and its map image.',
      );
      return report;
    },
  });
}
