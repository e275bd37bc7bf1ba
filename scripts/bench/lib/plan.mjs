// What a run measures and how many samples it takes (BENCH_QUICK=1: a short smoke run).

export const QUICK = process.env.BENCH_QUICK === "1";
/** BENCH_IN_PLACE=1 runs wrangler on the working tree itself instead of a copy of it. */
export const IN_PLACE = process.env.BENCH_IN_PLACE === "1";
/**
 * BENCH_ONLY=eras runs section 8 alone and writes it into the last full run's BENCHMARKS.md and
 * benchmarks.json, leaving every other section as it was.
 */
export const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== "eras") {
  throw new Error(`BENCH_ONLY=${ONLY}: only "eras" (section 8) runs alone`);
}
export const API_TOKEN = "demo-edesk-token";
/** eDesk's real bucket (60 burst, 2/s) would make every figure here a rate-limit figure. */
export const HUGE_BUCKET = { capacity: 1_000_000_000, refill_per_second: 1_000_000_000 };
export const PLAN = QUICK
  ? {
      warmup: 5,
      rounds: 20,
      listRounds: 20,
      cold: 2,
      setupWarmup: 1,
      setup: 3,
      cpu: 20,
      sessions: 10,
      calls: 5,
      reps: 1,
      quietRounds: 20,
      quietCpu: 20,
      quietReps: 1,
      heapSessions: 5,
      heapCalls: 10,
      heapRounds: 2,
      eraRounds: 20,
      eraCpu: 20,
    }
  : {
      warmup: 50,
      rounds: 400,
      listRounds: 300,
      cold: 12,
      setupWarmup: 3,
      setup: 30,
      cpu: 200,
      sessions: 100,
      calls: 20,
      reps: 3,
      quietRounds: 300,
      quietCpu: 100,
      quietReps: 3,
      heapSessions: 50,
      heapCalls: 12,
      heapRounds: 3,
      eraRounds: 300,
      eraCpu: 100,
    };
/** The last commit before the 2026-07-28 era was served. */
export const DEFAULT_BASELINE_COMMIT = "1e99406";
/**
 * The commit whose 2025 path section 8 compares with today's: by default the last one before
 * the 2026-07-28 era. BENCH_BASELINE overrides it, for instance with the commit before a change
 * to the modern path: a baseline that serves 2026-07-28 is measured in that era too.
 */
export const BASELINE_COMMIT = process.env.BENCH_BASELINE ?? DEFAULT_BASELINE_COMMIT;
/** Servers (Durable Objects) the spread concurrency run uses. */
export const SPREAD_SERVERS = 10;
export const CPU_VARIANTS = [
  "floor",
  "direct",
  "do_hop",
  "raw_ping",
  "raw_call_invalid",
  "raw_call",
  "call_json",
  "call_sse",
  "call_legacy",
];
