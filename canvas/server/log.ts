/** A small logger the host writes to; tests pass their own to capture what was logged. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Logs to the console; `quiet` keeps info and warnings out (errors are always printed). */
export function createConsoleLogger(quiet = false): Logger {
  return {
    info: (message) => {
      if (!quiet) console.log(message);
    },
    warn: (message) => {
      if (!quiet) console.warn(`[weavemap] ${message}`);
    },
    error: (message, error) => {
      if (error === undefined) console.error(`[weavemap] ${message}`);
      else console.error(`[weavemap] ${message}`, error);
    },
  };
}

/**
 * Wraps a logger so that one noisy source (a misbehaving socket) cannot flood the log:
 * after `max` warnings it logs a single "further warnings suppressed" line and goes quiet.
 */
export function limitedWarnings(
  log: Logger,
  max: number,
  label: string,
): (message: string) => void {
  let count = 0;
  return (message) => {
    count += 1;
    if (count <= max) log.warn(`${label}: ${message}`);
    else if (count === max + 1) log.warn(`${label}: further warnings suppressed`);
  };
}
