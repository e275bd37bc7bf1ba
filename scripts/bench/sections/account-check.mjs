// What the account-wide budget check costs per tool call: the same call on two servers, one of
// an account with a budget (each eDesk request takes a token from the server's lease of the
// AccountObject's bucket, src/engine/guard) and one of an account without (no check at all), in
// interleaved rounds. The target (README "Guard rails"): at most 0.3 ms added to the median.
import { createDemoServer } from "../../dev-stack.mjs";
import { RawSession } from "../lib/clients.mjs";
import { cpuPerOp, cpuSnapshot, stackProcesses } from "../lib/procs.mjs";
import { ms, ratio, roundRobin, summarize } from "../lib/stats.mjs";
import { TICKET_ID, TOOL } from "./overhead.mjs";

/** Roomy enough that the bench never meets it, small enough to be a real bucket (1,000/s). */
export const BENCH_ACCOUNT_BUDGET = 60_000;

/** The target on the median added by the check. */
export const ACCOUNT_CHECK_TARGET_MS = 0.3;

export const ACCOUNT_CHECK_LABELS = {
  call_no_budget: "tools/call on a server of an account without a budget (no check)",
  call_budget: `tools/call on a server of an account with a budget of ${BENCH_ACCOUNT_BUDGET.toLocaleString("en-US")}/min (leased tokens)`,
};

/**
 * CPU milliseconds per call in each process of the stack, each variant in two blocks of
 * `count / 2` sequential calls (A B A B, so a drift of the machine hits both): on a shared
 * machine the worker's CPU per call is steadier than wall time.
 */
async function cpuPerCall(stack, variants, count) {
  const processes = stackProcesses(stack);
  const spent = Object.fromEntries(variants.map((v) => [v.name, {}]));
  for (let block = 0; block < 2; block++) {
    for (const variant of variants) {
      const before = cpuSnapshot(processes);
      for (let i = 0; i < count / 2; i++) await variant.run();
      const after = cpuSnapshot(processes);
      const total = spent[variant.name];
      for (const [label, value] of Object.entries(after)) {
        total[label] = (total[label] ?? 0) + value - (before[label] ?? 0);
      }
    }
  }
  const none = {};
  return Object.fromEntries(
    Object.entries(spent).map(([name, total]) => [name, cpuPerOp(none, total, count)]),
  );
}

export async function runAccountCheck({ stack, apiToken, warmup, rounds, deadline, cpuCount }) {
  const open = async (accountBudget) => {
    const { server } = await createDemoServer(stack, {
      apiToken,
      name: `bench account check ${accountBudget ?? "none"}`,
      unguarded: true,
      accountBudget,
    });
    const session = new RawSession(server.url);
    await session.initialize();
    return session;
  };
  const sessions = {
    call_no_budget: await open(null),
    call_budget: await open(BENCH_ACCOUNT_BUDGET),
  };
  const args = { name: TOOL, arguments: { id: TICKET_ID } };
  const variants = Object.entries(sessions).map(([name, session]) => ({
    name,
    run: async () => {
      const result = await session.request("tools/call", args);
      if (result.structuredContent?.id !== TICKET_ID) throw new Error("wrong ticket in result");
    },
  }));
  const started = performance.now();
  let out;
  let cpu;
  try {
    out = await roundRobin(variants, { warmup, rounds, deadline });
    cpu = await cpuPerCall(stack, variants, cpuCount);
  } finally {
    await Promise.all(Object.values(sessions).map((session) => session.close()));
  }
  const s = Object.fromEntries(Object.entries(out.samples).map(([k, v]) => [k, summarize(v)]));
  const paired = [];
  const n = Math.min(out.samples.call_budget.length, out.samples.call_no_budget.length);
  for (let i = 0; i < n; i++)
    paired.push(out.samples.call_budget[i] - out.samples.call_no_budget[i]);
  return {
    tool: TOOL,
    account_budget: BENCH_ACCOUNT_BUDGET,
    warmup,
    rounds: out.rounds,
    wall_ms: ms(performance.now() - started, 0),
    errors: out.errors,
    first_error: out.firstError,
    summaries: s,
    ratio_median: ratio(s.call_budget.median, s.call_no_budget.median),
    ratio_p99: ratio(s.call_budget.p99, s.call_no_budget.p99),
    added_median_ms: ms(s.call_budget.median - s.call_no_budget.median),
    added_paired_ms: summarize(paired),
    cpu_count: cpuCount,
    cpu_per_call_ms: cpu,
    added_worker_cpu_ms: ms(
      cpu.call_budget["worker runtime workerd"] - cpu.call_no_budget["worker runtime workerd"],
    ),
  };
}
