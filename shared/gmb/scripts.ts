import type { PhaseInput } from '../session/agenda';

/**
 * Group model building scripts (Hovmand et al., "Scriptapedia") as agenda phase templates. Each
 * says in one sentence what to ask the group (the phase's prompt, shown to everyone while the
 * phase is current), and names the canvas aid that goes with it (a command).
 */
export interface ScriptTemplate extends PhaseInput {
  readonly id: string;
  /** One line for the facilitator: what the script is for. */
  readonly purpose: string;
  /** The command that opens the script's aid on the canvas, if it has one. */
  readonly aid?: { readonly command: string; readonly label: string };
}

export const SCRIPT_TEMPLATES: readonly ScriptTemplate[] = [
  {
    id: 'hopes-fears',
    title: 'Hopes & Fears',
    purpose: 'Opens a session: what people hope for and worry about, named before modelling.',
    prompt:
      'What do you hope this work will achieve, and what do you fear could happen? Write one hope and one fear, each on its own note.',
    practice: 'connect',
    tools: ['private-notes', 'timer'],
    minutes: 10,
  },
  {
    id: 'graphs-over-time',
    title: 'Graphs over Time',
    purpose: 'Surfaces the variables that matter and how they behaved: the dynamics to explain.',
    prompt:
      'Pick one factor that matters here and sketch how it has changed over the past years, and where you think it is heading.',
    practice: 'map',
    tools: ['factors', 'timer'],
    minutes: 15,
    aid: { command: 'gmb.addGraph', label: 'Draw a graph over time' },
  },
  {
    id: 'dots',
    title: 'Dots',
    purpose: 'Narrows many factors or ideas to the few the group wants to work on.',
    prompt: 'Which of these matter most to you? Place your dots on the ones we should model first.',
    practice: 'leverage',
    tools: ['dot-voting', 'timer'],
    minutes: 10,
  },
  {
    id: 'connection-circles',
    title: 'Connection Circles',
    purpose: 'Turns a list of factors into causal links and the first feedback loops.',
    prompt:
      'Looking at the factors on the circle: which one directly drives which? Draw an arrow for each, mark it + or −, then follow the arrows to find the loops.',
    practice: 'map',
    tools: ['factors', 'causal-links', 'loops', 'timer'],
    minutes: 20,
    aid: { command: 'gmb.circle', label: 'Arrange the selection on a circle' },
  },
];
