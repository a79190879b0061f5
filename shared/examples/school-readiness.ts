import { NATIVE_FORMAT, NATIVE_VERSION, type NativeFile } from '../interop/native';

/**
 * The example map people can open from the home screen: a city's school-readiness system and
 * the actors who can move it, drawn from the Leadership in Action example in Baltimore (a
 * cross-section of the community that set out to raise the number of children who enter school
 * ready to learn, by coordinating and aligning efforts across the parts of the system that
 * produce school readiness).
 *
 * It is a native-format value (`.weavemap.json`): `applyNative(ctx, parseNative(...).file)`
 * writes it into an empty room. Other features' tests use it as a realistic small map: 14
 * factors, 8 actors in a frame, 2 interventions, a note; causal links with `+` and `-` forming
 * reinforcing and balancing loops (one with a delay), actor relationships, and actors linked to
 * the factors they can move.
 */

const BY = 'weavemap-example';
const AT = Date.UTC(2024, 0, 15, 9, 0, 0);

type Kind = 'factor' | 'actor' | 'intervention' | 'note' | 'group';
type ActorType = 'person' | 'organization' | 'group' | 'community';

function el(
  id: string,
  kind: Kind,
  label: string,
  position: readonly [number, number],
  more: {
    description?: string;
    tags?: string[];
    actorType?: ActorType;
    leverageLevel?: number;
    parent?: string;
    pinned?: boolean;
  } = {},
): Record<string, unknown> {
  return {
    id,
    kind,
    label,
    description: more.description ?? '',
    tags: more.tags ?? [],
    position: [position[0], position[1]],
    ...(more.actorType ? { actorType: more.actorType } : {}),
    ...(more.leverageLevel ? { leverageLevel: more.leverageLevel } : {}),
    ...(more.parent ? { parent: more.parent } : {}),
    ...(more.pinned ? { pinned: true } : {}),
    createdBy: BY,
    createdAt: AT,
    updatedAt: AT,
  };
}

let seq = 0;
function causal(
  from: string,
  to: string,
  polarity: '+' | '-',
  more: { delay?: boolean; label?: string; description?: string } = {},
): Record<string, unknown> {
  seq++;
  return {
    id: `srC${String(seq).padStart(2, '0')}`,
    from,
    to,
    kind: 'causal',
    polarity,
    ...(more.delay ? { delay: true } : {}),
    direction: 'directed',
    label: more.label ?? '',
    description: more.description ?? '',
    tags: [],
    createdBy: BY,
    createdAt: AT,
    updatedAt: AT,
  };
}

function relationship(
  from: string,
  to: string,
  label: string,
  direction: 'undirected' | 'mutual' | 'directed' = 'mutual',
  strength?: number,
): Record<string, unknown> {
  seq++;
  return {
    id: `srR${String(seq).padStart(2, '0')}`,
    from,
    to,
    kind: 'relationship',
    direction,
    ...(strength !== undefined ? { strength } : {}),
    label,
    description: '',
    tags: [],
    createdBy: BY,
    createdAt: AT,
    updatedAt: AT,
  };
}

// Factors (the system lens).
const READY = 'srF01';
const ENGAGE = 'srF02';
const QUALITY = 'srF03';
const COORD = 'srF04';
const TRUST = 'srF05';
const ENROLL = 'srF06';
const RATIO = 'srF07';
const SCREEN = 'srF08';
const DATA = 'srF09';
const FUNDING = 'srF10';
const STRESS = 'srF11';
const MEETINGS = 'srF12';
const WORKFORCE = 'srF13';
const READING = 'srF14';

// Actors (the network lens), in one frame.
const FRAME = 'srG01';
const PARENTS = 'srA01';
const SCHOOLS = 'srA02';
const HEALTH = 'srA03';
const LIBRARIES = 'srA04';
const FUNDERS = 'srA05';
const COMMUNITY = 'srA06';
const PROVIDERS = 'srA07';
const LIA = 'srA08';

// Interventions and a note.
const CIRCLES = 'srI01';
const DASHBOARD = 'srI02';
const NOTE = 'srN01';

const elements = [
  el(READY, 'factor', 'Children entering kindergarten ready to learn', [336, 216], {
    description:
      'The result the city is accountable for: the share of children assessed as fully ready when they start kindergarten.',
    tags: ['result'],
  }),
  el(ENGAGE, 'factor', 'Parent engagement in early learning', [96, 120], {
    tags: ['families'],
    leverageLevel: 6,
  }),
  el(QUALITY, 'factor', 'Early childhood program quality', [336, 36], {
    tags: ['programs'],
  }),
  el(COORD, 'factor', 'Coordination across agencies', [600, 96], {
    description: 'Schools, health, libraries and providers aligning their work on one result.',
    tags: ['system'],
    leverageLevel: 5,
  }),
  el(TRUST, 'factor', 'Trust between parents and providers', [96, -72], {
    tags: ['families', 'relationships'],
  }),
  el(ENROLL, 'factor', 'Families enrolled in quality programs', [576, -96], {
    tags: ['programs'],
  }),
  el(RATIO, 'factor', 'Children per teacher', [456, -204], { tags: ['programs'] }),
  el(SCREEN, 'factor', 'Developmental screenings by age 3', [624, 276], { tags: ['health'] }),
  el(DATA, 'factor', 'Shared data on readiness', [336, 396], {
    tags: ['system'],
    leverageLevel: 6,
  }),
  el(FUNDING, 'factor', 'Funding aligned to shared results', [96, 336], {
    tags: ['money'],
    leverageLevel: 5,
  }),
  el(STRESS, 'factor', 'Family stress', [-120, 216], { tags: ['families'] }),
  el(MEETINGS, 'factor', 'Time spent in coordination meetings', [816, -24], {
    tags: ['system'],
  }),
  el(WORKFORCE, 'factor', 'Early childhood workforce skills', [216, -204], {
    tags: ['programs'],
  }),
  el(READING, 'factor', 'Reading at home', [-96, 24], { tags: ['families'] }),

  el(FRAME, 'group', 'Who can act', [1140, 108]),
  el(PARENTS, 'actor', 'Parents and caregivers', [1056, 0], {
    actorType: 'community',
    parent: FRAME,
  }),
  el(SCHOOLS, 'actor', 'City public schools', [1224, 0], {
    actorType: 'organization',
    parent: FRAME,
  }),
  el(HEALTH, 'actor', 'Health department', [1224, 108], {
    actorType: 'organization',
    parent: FRAME,
  }),
  el(LIBRARIES, 'actor', 'Public libraries', [1056, 216], {
    actorType: 'organization',
    parent: FRAME,
  }),
  el(FUNDERS, 'actor', 'Local funders', [1224, 216], {
    actorType: 'group',
    parent: FRAME,
  }),
  el(COMMUNITY, 'actor', 'Community organisations', [1056, 108], {
    actorType: 'community',
    parent: FRAME,
  }),
  el(PROVIDERS, 'actor', 'Child care and Head Start providers', [1140, 324], {
    actorType: 'organization',
    parent: FRAME,
  }),
  el(LIA, 'actor', 'Leadership in Action team', [1140, -108], {
    actorType: 'group',
    parent: FRAME,
    description:
      'A cross-section of the community convened to raise school readiness within one year.',
  }),

  el(CIRCLES, 'intervention', 'Parent leadership circles', [-120, -180], {
    description: 'Parents meet with providers and design outreach together.',
  }),
  el(DASHBOARD, 'intervention', 'Citywide readiness dashboard', [576, 456], {
    description: 'One shared picture of readiness results, updated every quarter.',
  }),
  el(NOTE, 'note', 'Drawn from the Leadership in Action example in Baltimore', [-120, 432], {
    description:
      'A diverse cross-section of the community learned to coordinate and align efforts across the parts of the system that produce school readiness, and brought about significant improvement within one year.',
  }),
];

seq = 0;
const connections = [
  // R1 "Trust builds engagement": engagement -> quality -> trust -> engagement.
  causal(ENGAGE, QUALITY, '+', { label: 'parents shape programs' }),
  causal(QUALITY, TRUST, '+'),
  causal(TRUST, ENGAGE, '+'),
  // R2 "Results attract resources": readiness -> data -> funding -> quality -> readiness.
  causal(READY, DATA, '+'),
  causal(DATA, FUNDING, '+', { delay: true, label: 'budget cycle' }),
  causal(FUNDING, QUALITY, '+'),
  causal(QUALITY, READY, '+'),
  // B1 "Crowded classrooms": quality -> enrolment -> children per teacher -| quality.
  causal(QUALITY, ENROLL, '+'),
  causal(ENROLL, RATIO, '+'),
  causal(RATIO, QUALITY, '-'),
  // B2 "Coordination fatigue": coordination -> meetings -| coordination.
  causal(COORD, MEETINGS, '+'),
  causal(MEETINGS, COORD, '-', { delay: true }),
  // More of the system.
  causal(COORD, SCREEN, '+'),
  causal(SCREEN, READY, '+', { delay: true }),
  causal(COORD, ENROLL, '+'),
  causal(ENGAGE, READING, '+'),
  causal(READING, READY, '+'),
  causal(STRESS, ENGAGE, '-'),
  causal(STRESS, READY, '-'),
  causal(WORKFORCE, QUALITY, '+'),
  causal(DATA, COORD, '+'),
  causal(FUNDING, WORKFORCE, '+', { delay: true }),
  // Actors and the factors they can move.
  causal(PARENTS, ENGAGE, '+'),
  causal(HEALTH, SCREEN, '+'),
  causal(LIBRARIES, READING, '+'),
  causal(FUNDERS, FUNDING, '+'),
  causal(SCHOOLS, DATA, '+'),
  causal(PROVIDERS, QUALITY, '+'),
  causal(LIA, COORD, '+'),
  causal(COMMUNITY, STRESS, '-'),
  causal(CIRCLES, TRUST, '+'),
  causal(DASHBOARD, DATA, '+'),
  // Relationships among actors.
  relationship(PARENTS, COMMUNITY, 'trusted ties', 'mutual', 0.8),
  relationship(PARENTS, SCHOOLS, 'enrolment', 'mutual', 0.3),
  relationship(SCHOOLS, HEALTH, 'shares screening data', 'mutual', 0.4),
  relationship(LIBRARIES, PARENTS, 'story times', 'directed', 0.5),
  relationship(FUNDERS, COMMUNITY, 'grants', 'directed', 0.6),
  relationship(FUNDERS, LIA, 'convenes', 'directed', 0.7),
  relationship(LIA, SCHOOLS, 'works with', 'mutual', 0.6),
  relationship(LIA, HEALTH, 'works with', 'mutual', 0.5),
  relationship(PROVIDERS, PARENTS, 'daily contact', 'mutual', 0.7),
  relationship(COMMUNITY, PROVIDERS, 'referrals', 'undirected', 0.4),
];

export const SCHOOL_READINESS_TITLE = 'School readiness in our city (example)';

/** The example as a `.weavemap.json` value. */
export const schoolReadinessExample: NativeFile = {
  format: NATIVE_FORMAT,
  version: NATIVE_VERSION,
  exportedAt: new Date(AT).toISOString(),
  meta: { title: SCHOOL_READINESS_TITLE, createdAt: AT, createdBy: BY },
  elements,
  connections,
  sources: [],
  loops: [],
};
