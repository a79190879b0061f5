import { parentPort } from 'node:worker_threads';
import { benchModel, benchWhatIf } from '../../shared/simulation/bench';

/** Runs in a worker thread for test/bench/simulation.ts. */
parentPort?.postMessage([benchWhatIf(), benchModel()]);
