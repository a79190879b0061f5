import * as C from '../checks';
import { idField, stringList, text, when, who } from '../fields';
import { LIMITS } from '../limits';
import { defineRecord } from './define';

/**
 * What the group says about a detected feedback loop (a named loop), keyed by the loop's
 * canonical signature. Unknown fields are checked by the host but not read.
 */
export const LOOP_NOTE = defineRecord({
  name: 'loop note',
  label: 'Loop',
  extra: false,
  fields: {
    signature: { ...idField('Signature'), check: undefined },
    name: {
      ...text('Name', LIMITS.labelChars),
      check: undefined,
      storedCheck: C.storedText(LIMITS.labelChars, `text of at most ${LIMITS.labelChars}`),
    },
    note: {
      ...text('Note', LIMITS.noteChars),
      check: undefined,
      storedCheck: C.storedText(LIMITS.noteChars, `text of at most ${LIMITS.noteChars}`),
    },
    /** Element ids in loop order, remembered so a loop broken by an edit can still be shown. */
    members: stringList('Members', {
      storedCheck: C.storedIds('members must be a list of element ids.'),
    }),
    updatedBy: who('Named by', 'key', LIMITS.labelChars),
    updatedAt: when('Named', 'key'),
  },
});
