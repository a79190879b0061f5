import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Page } from '@playwright/test';
import { test, expect, newPerson, REPO, type Person } from '../support/fixtures';
import { createMap, editorState, elementId, openLink, openView, outline } from '../support/app';
import type { MapSession } from '../../canvas/platform/map-session.svelte';
import type { Workbench } from '../../canvas/workbench/workbench.svelte';
import { readSnapshot } from '../../shared/schema/snapshot';
import { applyNative, parseNative } from '../../shared/interop/native';
import { schoolReadinessExample } from '../../shared/examples/school-readiness';
import { buildReport, reportHtml, REPORT_SECTIONS } from '../../shared/report/index';
import {
  addAction,
  addParticipantActor,
  addReflectionCard,
  initReflectionBoard,
  joinSession,
  openVote,
  placeDot,
  readSessionSnapshot,
  revealVote,
  type SessionContext,
} from '../../shared/session/index';

/**
 * A live workshop with a facilitator and two participants, each in their own browser context
 * (another laptop): phases, the shared timer across skewed clocks, dot voting, bring everyone to
 * me, the whole-map lock (on screen and in the host's stored map), private notes, a reflection
 * card and an action in the report, and a named version restored then undone.
 */

interface Hook {
  session: MapSession;
  workbench: Workbench;
}

/** Runs `fn` in the page with the open map's session and workbench (seeding and reading). */
function inPage<T, A>(page: Page, fn: (hook: Hook, arg: A) => T, arg: A): Promise<T> {
  return page.evaluate(
    ([src, a]) => {
      const hook = (window as unknown as { __weavemap: Hook }).__weavemap;
      return (0, eval)(`(${src})`)(hook, a) as T;
    },
    [fn.toString(), arg] as const,
  ) as Promise<T>;
}

const seconds = (text: string): number => {
  const [m, s] = text.trim().split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
};

function visibleLabels(page: Page): Promise<string[]> {
  return inPage(page, (h) => [...h.session.snapshot.elements.values()].map((e) => e.label), 0);
}

test('a facilitated session with two participants', async ({ browser, host }) => {
  test.setTimeout(240_000);
  const fay = await newPerson(browser, 'Fay', '#911eb4');
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const ben = await newPerson(browser, 'Ben', '#3cb44b');
  // Ben's laptop clock is five minutes fast: the timer must still agree with everyone's.
  await ben.context.addInitScript(() => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + 5 * 60_000;
  });
  const people: Person[] = [fay, ana, ben];

  const facilitatorLink = await createMap(fay.page, host.url, 'Workshop');
  const roomId = await inPage(fay.page, (h) => h.session.roomId, 0);
  expect(await inPage(fay.page, (h) => h.session.role, 0)).toBe('facilitator');
  expect(facilitatorLink).toContain(roomId);
  const editLink = await fay.page.evaluate(
    (id) =>
      (JSON.parse(localStorage.getItem(`weavemap.links.${id}`) ?? '{}') as { editLink: string })
        .editLink,
    roomId,
  );
  expect(editLink).not.toBe(facilitatorLink);
  await openLink(ana.page, editLink);
  await openLink(ben.page, editLink);
  expect(await inPage(ana.page, (h) => h.session.role, 0)).toBe('edit');
  // Participants do not get the facilitator's controls.
  await expect(ana.page.getByRole('button', { name: 'Start the session' })).toHaveCount(0);

  // Four factors to work with (the facilitator's own edits through the workbench).
  await inPage(
    fay.page,
    (h, labels) => {
      const ids = labels.map((label, i) => {
        const id = h.workbench.addElement('factor', [i * 260, (i % 2) * 160]) ?? '';
        h.workbench.commitRename(id, 'element', label);
        return id;
      });
      // Trust -> Attendance -> Reading -> Trust (a loop), and Funding -> Trust.
      const [trust, funding, attendance, reading] = ids as [string, string, string, string];
      h.workbench.connectElements(trust, attendance, '+');
      h.workbench.connectElements(attendance, reading, '+');
      h.workbench.connectElements(reading, trust, '+');
      h.workbench.connectElements(funding, trust, '+');
    },
    ['Trust', 'Funding', 'Attendance', 'Reading'],
  );
  for (const p of people)
    await expect.poll(() => visibleLabels(p.page)).toEqual(expect.arrayContaining(['Reading']));

  await test.step('phases advance for everyone', async () => {
    await fay.page.getByRole('button', { name: 'Start the session' }).click();
    for (const p of people) await expect(p.page.getByTestId('phase-title')).toHaveText('Connect');
    // In the Connect phase a participant is asked who they are and whom they know.
    const who = ana.page.getByTestId('who-is-here');
    await expect(who).toBeVisible();
    await who.getByLabel('Your organisation').fill('City Library');
    await who.getByRole('button', { name: 'Add me to the map' }).click();
    for (const p of people)
      await expect
        .poll(() => visibleLabels(p.page))
        .toEqual(expect.arrayContaining(['Ana', 'City Library']));
    await ben.page.getByTestId('who-is-here').getByRole('button', { name: 'Not now' }).click();

    await fay.page.getByRole('button', { name: 'Next phase' }).click();
    for (const p of people) {
      await expect(p.page.getByTestId('phase-title')).toHaveText('Organize');
      await expect(p.page.getByTestId('phase-banner')).toContainText('groups and roles');
    }
  });

  await test.step('the timer shows the same time on every screen', async () => {
    await fay.page.getByRole('button', { name: 'Start timer' }).click();
    for (const p of people)
      await expect(p.page.getByTestId('session-timer')).toHaveAttribute('data-state', 'running');
    const shown = await Promise.all(
      people.map((p) => p.page.getByTestId('timer-digits').textContent()),
    );
    const secs = shown.map((t) => seconds(t ?? ''));
    // 10 minutes planned for the phase, a moment ago.
    for (const s of secs) expect(s).toBeGreaterThan(9 * 60);
    expect(Math.max(...secs) - Math.min(...secs)).toBeLessThanOrEqual(1);
    // Pausing stops every screen at the same value.
    await fay.page.getByRole('button', { name: 'Pause' }).first().click();
    for (const p of people)
      await expect(p.page.getByTestId('session-timer')).toHaveAttribute('data-state', 'paused');
    const paused = await Promise.all(
      people.map((p) => p.page.getByTestId('timer-digits').textContent()),
    );
    expect(new Set(paused).size).toBe(1);
  });

  await test.step('a dot vote: cast, hidden, revealed and ranked', async () => {
    await openView(fay.page, 'Session');
    const form = fay.page.getByRole('form', { name: 'Open a vote' });
    await form.getByLabel('Vote on').selectOption('factor');
    await form.getByLabel('Dots a person').fill('3');
    await form.getByLabel('Title').fill('Where to push');
    await form.getByRole('button', { name: 'Open vote' }).click();
    for (const p of [ana, ben]) await openView(p.page, 'Session');

    const dot = (p: Person, label: string) =>
      p.page.getByRole('button', { name: `Place a dot on ${label}`, exact: true }).click();
    // Ana: Trust, Trust, Funding (from the list).
    await dot(ana, 'Trust');
    await dot(ana, 'Trust');
    await dot(ana, 'Funding');
    await expect(ana.page.getByTestId('dots-left')).toContainText('0 of 3 dots left');
    // Ben places his on the map: Trust once, Reading twice.
    await ben.page.getByRole('button', { name: 'Place dots on the map' }).click();
    await ben.page.getByTestId('status-zoom').click();
    const centre = (id: string) =>
      ben.page.evaluate(
        (i) =>
          (
            window as unknown as {
              __weavemap: { editor: { elementCenter(id: string): { x: number; y: number } } };
            }
          ).__weavemap.editor.elementCenter(i),
        id,
      );
    for (const label of ['Trust', 'Reading', 'Reading']) {
      const id = await elementId(ben.page, label);
      // Wait for the zoom to fit to settle with the element on screen (same place twice).
      let point = { x: -100, y: -100 };
      await expect
        .poll(async () => {
          const before = point;
          point = await centre(id);
          const onScreen = point.x > 0 && point.x < 1280 && point.y > 0 && point.y < 800;
          return onScreen && Math.abs(point.x - before.x) + Math.abs(point.y - before.y) < 0.5;
        })
        .toBe(true);
      await ben.page.mouse.click(point.x, point.y);
    }
    await expect(ben.page.getByTestId('dots-left')).toContainText('0 of 3 dots left');
    // Fay: Trust, Reading, Attendance.
    await dot(fay, 'Trust');
    await dot(fay, 'Reading');
    await dot(fay, 'Attendance');
    // Hidden until revealed: nobody sees results, each sees only their own dots.
    for (const p of people) await expect(p.page.getByTestId('vote-result')).toHaveCount(0);
    await fay.page.getByRole('button', { name: 'Reveal results' }).click();
    for (const p of people) {
      const rows = p.page.getByTestId('vote-result');
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(0)).toHaveText(/1\.\s*Trust\s*4/);
      await expect(rows.nth(1)).toHaveText(/2\.\s*Reading\s*3/);
      await expect(rows.nth(2)).toHaveText(/3\.\s*Attendance\s*1/);
      await expect(rows.nth(3)).toHaveText(/3\.\s*Funding\s*1/);
    }
    // The revealed votes join the Leverage view's ranking.
    await openView(fay.page, 'Leverage');
    const trust = fay.page
      .getByRole('list', { name: 'Leverage ranking' })
      .getByRole('listitem')
      .filter({ hasText: 'Trust' })
      .first();
    await expect(trust).toContainText('4 votes');
    await openView(fay.page, 'Session');
  });

  await test.step('bring everyone to me moves the participants’ viewports', async () => {
    await fay.page.evaluate(() => {
      const w = window as unknown as {
        __weavemap: { editor: { renderer: { zoomTo(k: number, c: object, ms: number): void } } };
      };
      w.__weavemap.editor.renderer.zoomTo(1.6, { x: 321, y: -123 }, 0);
    });
    // Passing notices (they resize the map area) have gone.
    for (const p of people) await expect(p.page.getByTestId('notice')).toHaveCount(0);
    const target = await editorState(fay.page, (h) => h.viewport());
    await fay.page.getByRole('button', { name: 'Bring everyone to me' }).click();
    for (const p of [ana, ben])
      await expect
        .poll(() => editorState(p.page, (h) => h.viewport()))
        .toMatchObject({
          x: expect.closeTo(target.x, 0),
          y: expect.closeTo(target.y, 0),
          zoom: expect.closeTo(target.zoom, 2),
        } as unknown as Record<string, number>);
  });

  await test.step('a locked map refuses a participant’s edit and accepts the facilitator’s', async () => {
    await fay.page.getByRole('button', { name: 'Lock the map' }).click();
    await expect(ana.page.getByTestId('map-locked')).toBeVisible();
    await expect(ana.page.getByTestId('status-readonly')).toBeVisible();
    await expect(ana.page.getByRole('button', { name: 'Add factor' })).toBeDisabled();
    await expect(ana.page.getByText('The facilitator has locked the map')).toBeVisible();
    // Everyone leaves the peer mesh and syncs through the host.
    for (const p of people)
      await expect(p.page.getByTestId('status-peers')).toHaveText('Peers: off');
    // A modified client writes anyway: the host refuses it.
    await inPage(
      ana.page,
      (h) => {
        h.session.readOnlyReason = null;
        const id = h.workbench.addElement('factor', [900, 900]);
        if (id) h.workbench.commitRename(id, 'element', 'Written while locked');
      },
      0,
    );
    await inPage(
      fay.page,
      (h) => {
        const id = h.workbench.addElement('factor', [900, 0]);
        if (id) h.workbench.commitRename(id, 'element', 'Facilitator while locked');
      },
      0,
    );
    await expect.poll(() => visibleLabels(ben.page)).toContain('Facilitator while locked');
    const stored = await host.withRoomDoc(roomId, (doc) =>
      [...readSnapshot(doc).elements.values()].map((e) => e.label),
    );
    expect(stored).toContain('Facilitator while locked');
    expect(stored).not.toContain('Written while locked');
    expect(await visibleLabels(ben.page)).not.toContain('Written while locked');
    await fay.page.getByRole('button', { name: 'Unlock the map' }).click();
    await expect(ana.page.getByTestId('map-locked')).toHaveCount(0);
    await expect(ana.page.getByRole('button', { name: 'Add factor' })).toBeEnabled();
  });

  await test.step('private notes stay hidden from others until revealed', async () => {
    await fay.page.getByRole('button', { name: 'Private mode on' }).click();
    await expect(ana.page.getByTestId('private-mode')).toContainText('hidden, not encrypted');
    await ana.page.getByRole('button', { name: 'Add note' }).click();
    const noteId = await inPage(ana.page, (h) => h.workbench.selection[0] ?? '', 0);
    await inPage(
      ana.page,
      (h, id) => h.workbench.commitRename(id, 'element', 'Ana’s quiet idea'),
      noteId,
    );
    // Ana's Inspector says what the note is; the app's flag is no raw editable field (item 17).
    const anaInspector = ana.page.getByRole('complementary', { name: 'Inspector' });
    await expect(anaInspector.getByTestId('element-state')).toContainText('Private until revealed');
    await expect(anaInspector.getByLabel('hiddenUntilReveal')).toHaveCount(0);
    await expect(anaInspector).not.toContainText('hiddenUntilReveal');
    // It reached Ben's copy of the map, and Ben is not shown it.
    await expect
      .poll(() => inPage(ben.page, (h, id) => h.session.doc.getMap('elements').has(id), noteId))
      .toBe(true);
    expect(await visibleLabels(ben.page)).not.toContain('Ana’s quiet idea');
    await expect(outline(ben.page).getByText('Ana’s quiet idea')).toHaveCount(0);
    expect(await visibleLabels(ana.page)).toContain('Ana’s quiet idea');
    await fay.page.getByRole('button', { name: /Reveal notes \(1\)/ }).click();
    await expect.poll(() => visibleLabels(ben.page)).toContain('Ana’s quiet idea');
    await fay.page.getByRole('button', { name: 'Private mode off' }).click();
  });

  await test.step('a reflection card and an action appear in the report', async () => {
    await openView(ana.page, 'Reflection');
    await ana.page.getByLabel('Your card').fill('Trust drives attendance more than we thought');
    await ana.page.getByRole('button', { name: 'Add card' }).click();
    await openView(ben.page, 'Actions');
    await ben.page
      .getByLabel('Action', { exact: true })
      .fill('Call the library about reading hours');
    await ben.page.getByLabel('Owner', { exact: true }).selectOption('person');
    await ben.page.getByLabel("Owner's name").fill('Ben');
    await ben.page.getByLabel('Due').fill('2026-12-01');
    await ben.page.getByRole('button', { name: 'Add action' }).click();
    await expect(fay.page.locator('body')).toBeVisible();
    await expect
      .poll(() =>
        inPage(
          fay.page,
          (h) => h.session.doc.getMap('actions').size + h.session.doc.getMap('reflections').size,
          0,
        ),
      )
      .toBeGreaterThanOrEqual(5);
    const downloads: Promise<import('@playwright/test').Download>[] = [];
    fay.page.on('download', (d) => downloads.push(Promise.resolve(d)));
    await fay.page.keyboard.press('Control+Alt+R');
    await expect.poll(() => downloads.length).toBe(3);
    const files = await Promise.all(downloads);
    const byName = new Map(files.map((d) => [d.suggestedFilename(), d]));
    const html = readFileSync((await byName.get('workshop-report.html')!.path())!, 'utf8');
    const md = readFileSync((await byName.get('workshop-report.md')!.path())!, 'utf8');
    for (const text of [html, md]) {
      expect(text).toContain('Trust drives attendance more than we thought');
      expect(text).toContain('Call the library about reading hours');
      expect(text).toContain('2026-12-01');
    }
  });

  await test.step('a named version is restored, and the restore is undone', async () => {
    await openView(fay.page, 'History');
    await fay.page.getByLabel('Keep this version as').fill('after mapping');
    await fay.page.getByRole('button', { name: 'Keep version' }).click();
    await expect(
      fay.page.getByTestId('version').filter({ hasText: 'after mapping' }),
    ).toBeVisible();
    // Then someone removes a factor.
    const funding = await elementId(fay.page, 'Funding');
    await inPage(
      fay.page,
      (h, id) => {
        h.workbench.select([id]);
        h.workbench.deleteSelection();
      },
      funding,
    );
    for (const p of people) await expect.poll(() => visibleLabels(p.page)).not.toContain('Funding');
    // Compared with the live map, the version shows it removed.
    await fay.page.getByRole('button', { name: 'Compare after mapping with the live map' }).click();
    await expect(fay.page.getByTestId('compare-summary')).toContainText('1 removed');
    await fay.page.getByRole('button', { name: 'Restore after mapping' }).click();
    for (const p of people) await expect.poll(() => visibleLabels(p.page)).toContain('Funding');
    // The restore is one change this person can undo.
    await fay.page.getByTestId('compare').getByRole('button', { name: 'Close' }).click();
    await fay.page.keyboard.press('Control+Z');
    for (const p of people) await expect.poll(() => visibleLabels(p.page)).not.toContain('Funding');
    const stored = await host.withRoomDoc(roomId, (doc) =>
      [...readSnapshot(doc).elements.values()].map((e) => e.label),
    );
    expect(stored).not.toContain('Funding');
  });

  for (const p of people) await p.context.close();
});

test('the session report of the example map, in Chromium', async ({ browser }) => {
  const doc = new Y.Doc();
  const parsed = parseNative(schoolReadinessExample);
  if (!parsed.ok) throw new Error('The example map does not parse.');
  const ctx: SessionContext = {
    doc,
    origin: 'test',
    userId: 'fay',
    facilitator: true,
    userName: 'Fay',
  };
  applyNative(ctx, parsed.file);
  const map = readSnapshot(doc);
  const factors = [...map.elements.values()].filter((e) => e.kind === 'factor').slice(0, 4);
  initReflectionBoard(ctx);
  joinSession(ctx, 'Fay');
  addParticipantActor({ ...ctx, userId: 'ana', userName: 'Ana' }, { name: 'Ana Ruiz' });
  const vote = openVote(ctx, { elementIds: factors.map((f) => f.id), dotsPerPerson: 3 });
  for (const f of factors.slice(0, 3)) placeDot(ctx, vote, f.id);
  revealVote(ctx, vote);
  addReflectionCard(ctx, {
    promptId: 'learned',
    text: 'Parents trust libraries more than schools',
    mentions: [factors[0]!.id],
  });
  addAction(ctx, {
    title: 'Pilot reading hours at two branch libraries',
    owner: { kind: 'person', name: 'Ana Ruiz' },
    due: '2026-12-15',
    serves: factors[0]!.id,
  });
  const html = reportHtml(
    buildReport({ map: readSnapshot(doc), session: readSessionSnapshot(doc) }),
  );
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.setContent(html);
  for (const [, heading] of REPORT_SECTIONS)
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  await expect(page.locator('svg').first()).toBeVisible();
  await expect(
    page.locator('#actions').getByText('Pilot reading hours at two branch libraries'),
  ).toBeVisible();
  await expect(page.getByText('Parents trust libraries more than schools')).toBeVisible();
  const dir = join(REPO, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
  await context.close();
});
