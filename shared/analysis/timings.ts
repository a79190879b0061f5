/** Milliseconds to one decimal place, as the analysis reports its timings. */
export const roundMs = (ms: number): number => Math.round(ms * 10) / 10;

/** A function that runs a step and writes its time into `timings` under the step's name. */
export function stepTimer(timings: Record<string, number>): <T>(name: string, step: () => T) => T {
  return (name, step) => {
    const t0 = performance.now();
    const result = step();
    timings[name] = roundMs(performance.now() - t0);
    return result;
  };
}
