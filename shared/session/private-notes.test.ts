import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../schema/snapshot';
import { editableFields, internalStates, isInternalField } from '../schema/records/editable';
import { addSessionNote, revealPrivateNotes, setPrivateMode } from './index';
import { sessionContext } from './test-helpers';

/**
 * Issue 15, item 17: the private-mode flag is the app's own field, declared `internal` in the
 * element's record file; the Inspector offers no raw field for it, and says the note's state.
 */
describe('a private note in the Inspector', () => {
  it('has no editable hiddenUntilReveal field, and reads "Private until revealed"', () => {
    const fac = sessionContext('fac', { facilitator: true });
    const ana = sessionContext('ana', { doc: fac.doc });
    setPrivateMode(fac, true);
    const id = addSessionNote(ana, { label: 'A quiet idea' });
    const note = readSnapshot(fac.doc).elements.get(id)!;
    expect(note.extra.hiddenUntilReveal).toBe(true);
    // Not a declared editable field, and the Inspector's custom-field list leaves it out.
    expect(isInternalField('element', 'hiddenUntilReveal')).toBe(true);
    expect(editableFields('element', note).map((f) => f.name)).not.toContain('hiddenUntilReveal');
    // A group's own custom field stays editable.
    expect(isInternalField('element', 'owner')).toBe(false);
    expect(internalStates('element', note.extra)).toEqual([
      {
        name: 'hiddenUntilReveal',
        label: 'Private until revealed',
        explain: expect.stringContaining('reveals the private notes') as unknown as string,
      },
    ]);
    // Revealed: the state is gone.
    revealPrivateNotes(fac);
    const revealed = readSnapshot(fac.doc).elements.get(id)!;
    expect(internalStates('element', revealed.extra)).toEqual([]);
  });
});
