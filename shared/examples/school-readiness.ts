import type { NativeFile } from '../interop/native';
// The import attribute lets plain Node ESM (the Playwright specs) load it too, not only bundlers.
import example from './school-readiness.weavemap.json' with { type: 'json' };

/**
 * The example map people can open from the home screen: a city's school-readiness system and
 * the actors who can move it, drawn from the Leadership in Action example in Baltimore (a
 * cross-section of the community that set out to raise the number of children who enter school
 * ready to learn, by coordinating and aligning efforts across the parts of the system that
 * produce school readiness).
 *
 * The map itself is `school-readiness.weavemap.json`, exactly as "Export map" writes it (and
 * what `npx weavemap analyze` or `report` read); the home screen (RoomView) and every test load
 * that one file through this module. To change it, open it in Weavemap, edit, export it and
 * replace the file (school-readiness.test.ts checks it is still in exported form). It holds 14
 * factors, 8 actors in a frame (two clusters), 2 interventions and a note; causal links with
 * `+` and `-` forming reinforcing and balancing loops (some with a delay), actor relationships,
 * and actors linked to the factors they can move.
 */
export const schoolReadinessExample = example as NativeFile;

export const SCHOOL_READINESS_TITLE: string = example.meta.title;
