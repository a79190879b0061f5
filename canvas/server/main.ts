// `npm start` / `npm run serve`: the host with the options from the command line and environment.
import { runCli } from './cli';

process.exitCode = await runCli(['serve', ...process.argv.slice(2)]);
