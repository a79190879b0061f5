// Worker-thread entry for test/bench/simulation.ts: registers tsx, then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./simulation-worker.ts');
