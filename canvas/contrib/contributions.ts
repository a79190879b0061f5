import { registerOutline } from './outline/outline.contribution';
import { registerPeople } from './people/people.contribution';
import { registerActivity } from './activity/activity.contribution';
import { registerLayout } from './layout/layout.contribution';
import { registerAnalysis } from './analysis/analysis.contribution';
import { registerSources } from './sources/sources.contribution';
import { registerSession } from './session/session.contribution';
import { registerHistory } from './history/history.contribution';
import { registerInterop } from './interop/interop.contribution';
import { registerSimulation } from './simulation/simulation.contribution';
import { registerPresent } from './present/present.contribution';
import { registerStory } from './story/story.contribution';
import { registerGmb } from './gmb/gmb.contribution';

/**
 * Every feature's contribution, in one place (main.ts calls this once at start-up). A new
 * feature adds its `canvas/contrib/<feature>/<feature>.contribution.ts` and one line here.
 */
export function registerContributions(): void {
  registerOutline();
  registerPeople();
  registerActivity();
  registerLayout();
  registerAnalysis();
  registerSources();
  registerSession();
  registerHistory();
  registerInterop();
  registerSimulation();
  registerPresent();
  registerStory();
  registerGmb();
}
