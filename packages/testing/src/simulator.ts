/** Starts a simulator, runs `fn` with it and always closes it (also when `fn` throws). */
export async function withStartedSimulator<O, S extends { close(): Promise<void> }, T>(
  start: (options: O) => Promise<S>,
  options: O,
  fn: (sim: S) => Promise<T>,
): Promise<T> {
  const sim = await start(options);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}
