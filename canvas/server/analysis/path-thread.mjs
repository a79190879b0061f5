// A worker thread for the betweenness and closeness searches of a big map (see
// shared/analysis/path-threads.ts): registers tsx in this thread, then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./path-thread-main.ts');
