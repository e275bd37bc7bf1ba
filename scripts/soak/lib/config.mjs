// What a soak run does, from the environment (`SOAK_*`) with the documented defaults.

const int = (name, fallback, min) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
};

export function soakConfig() {
  return {
    /** How long the sessions run (SOAK_SECONDS). */
    seconds: int("SOAK_SECONDS", 300, 5),
    /** Concurrent MCP sessions, SDK client over Streamable HTTP (SOAK_SESSIONS). */
    sessions: int("SOAK_SESSIONS", 200, 1),
    /**
     * Mean pause between a session's calls (SOAK_THINK_MS), drawn uniformly from 0.5× to 1.5×:
     * an agent waits for its model between tool calls. 0 drives the stack flat out.
     */
    thinkMs: int("SOAK_THINK_MS", 1000, 0),
    /** Where soak.json and BENCHMARKS.md go (SOAK_OUT); default docs/bench. */
    outDir: process.env.SOAK_OUT || undefined,
    /** Width of the report's time windows. */
    windowSeconds: 30,
    /** Share of upstream (eDesk) requests the simulator faults, spread evenly over the kinds. */
    faultRate: 0.01,
    /** The PRNG seed of the fault rules: the same run faults the same requests. */
    faultSeed: 20261124,
    /** The worker's per-request upstream timeout (its `EDESK_TIMEOUT_MS` var). */
    workerTimeoutMs: 2000,
    /** The delay fault: past the worker's timeout, so it should surface as a timeout. */
    delayMs: 3000,
    /** Sessions are connected this many at a time before the clock starts. */
    connectBatch: 20,
    /** Beyond the run's own length: setup, the last calls and the report. */
    watchdogSlackMs: 5 * 60_000,
  };
}
