/**
 * One virtual clock for a client and a loopback server in the same test. It moves only when the
 * client sleeps (rate-limit pacing, retry backoff), and only once every request the client has sent
 * has reached the server, so a request arrives at the virtual instant it was sent. Pacing results
 * then do not depend on how busy the machine is: real-time pacing over loopback jitters by hundreds
 * of milliseconds on a loaded 2-core CI runner.
 */
export function virtualClock(opts: {
  /** Requests the server has seen so far. */
  arrived: () => number;
  /** Requests the client has sent so far. */
  sent: () => number;
  startMs?: number;
}) {
  let t = opts.startMs ?? 1_700_000_000_000;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      while (opts.arrived() < opts.sent()) await new Promise((r) => setTimeout(r, 1));
      t += Math.max(0, ms);
    },
  };
}
