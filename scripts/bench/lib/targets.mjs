// The targets of the benchmark issue, judged on one run's results: on the main stack (`wrangler
// dev` as `npm start` runs it) and on the quiet stack (the same code with wrangler's DevTools
// inspector off, closer to production, which has no inspector).

const measured = (value, pass, unit = "") =>
  value === null || value === undefined || Number.isNaN(value)
    ? { value: "n/a", pass: false }
    : { value: `${value}${unit}`, pass: Boolean(pass) };

/** Growth of one process's resident memory from the first to the last concurrency run, in MiB. */
export function memoryGrowth(concurrency, label = "worker runtime workerd") {
  const runs = (concurrency?.memory ?? []).filter((m) => m.after !== "start");
  const rss = runs.map((m) => m.rss_mib?.[label]).filter((v) => v != null);
  if (rss.length < 2) return null;
  return Math.round((rss[rss.length - 1] - rss[0]) * 10) / 10;
}

/** The errors of a section, summed over its paths; null when the section did not run. */
export const errorTotal = (errors) =>
  errors ? Object.values(errors).reduce((a, b) => a + b, 0) : null;

/** Zero errors, or n/a when the section did not run. */
const noErrors = (errors) => {
  const total = errorTotal(errors);
  return measured(total, total === 0);
};

/** Allowance for allocator noise in "no growth across three repeats". */
export const MEMORY_GROWTH_ALLOWANCE_MIB = 10;

const RULES = [
  {
    name: "MCP layer's own cost, median (SDK client, Streamable HTTP JSON)",
    target: "≤ 2 ms",
    judge: (r) => {
      const v = r.overhead?.own_cost_ms?.median;
      return measured(v, v <= 2, " ms");
    },
  },
  {
    name: "MCP layer's own cost, p99 (per-round differences)",
    target: "≤ 10 ms",
    judge: (r) => {
      const v = r.overhead?.own_cost_paired_ms?.p99;
      return measured(v, v <= 10, " ms");
    },
  },
  {
    name: "errors in the proxy-overhead rounds",
    target: "0",
    judge: (r) => noErrors(r.overhead?.errors),
  },
  ...[
    ["raw_full", "full catalog"],
    ["raw_read_tickets", "read + tickets"],
  ].map(([key, label]) => ({
    name: `warm tools/list added over a ping, median, ${label}`,
    target: "≤ 2 ms",
    judge: (r) => {
      const v = r.tools_list?.added_over_ping_ms?.[key]?.median;
      return measured(v, v <= 2, " ms");
    },
  })),
  {
    name: "account budget check, median added per tool call",
    target: "≤ 0.3 ms",
    judge: (r) => {
      const v = r.account_check?.added_median_ms;
      return measured(v, v <= 0.3, " ms");
    },
  },
  {
    name: "throughput ratio worker / direct, 100 sessions × 20 calls (SDK client)",
    target: "≥ 0.5",
    judge: (r) => {
      const v = r.concurrency?.ratio;
      return measured(v, v >= 0.5);
    },
  },
  {
    name: "errors under concurrency (exceptions and isError results)",
    target: "0",
    judge: (r) => noErrors(r.concurrency?.errors),
  },
  {
    name: "worker runtime RSS growth, first to last concurrency run",
    target: `no growth (≤ ${MEMORY_GROWTH_ALLOWANCE_MIB} MiB)`,
    judge: (r) => {
      const v = memoryGrowth(r.concurrency);
      return measured(v, v <= MEMORY_GROWTH_ALLOWANCE_MIB, " MiB");
    },
  },
];

/** Targets that do not depend on the stack: one figure for both columns. */
const STATIC_RULES = [
  {
    name: "bundle size, gzip (`wrangler deploy --dry-run --minify`)",
    target: "≤ 700 KiB",
    judge: (r) => {
      const v = r.size?.wrangler_gzip_kib ?? r.size?.script_gzip_kib;
      return measured(v, v <= 700, " KiB");
    },
  },
  {
    name: "full catalog tools/list, tokens (≈ chars/4)",
    target: "≤ 10,000",
    judge: (r) => {
      const v = r.tools_list?.size?.full?.tokens_total;
      return measured(v, v <= 10_000);
    },
  },
  {
    name: "full catalog tools/list, tokens per tool (mean, ≈ chars/4)",
    target: "≤ 350",
    judge: (r) => {
      const v = r.tools_list?.size?.full?.tokens_per_tool_mean;
      return measured(v, v <= 350);
    },
  },
];

export function evaluateTargets(results) {
  const usable = (r) => (r && !r.error ? r : undefined);
  const main = {
    overhead: usable(results.overhead),
    tools_list: usable(results.tools_list),
    concurrency: usable(results.concurrency),
    account_check: usable(results.account_check),
    size: usable(results.size),
  };
  const q = results.quiet ?? {};
  const quiet = {
    overhead: usable(q.overhead),
    tools_list: usable(q.tools_list),
    concurrency: usable(q.concurrency),
    account_check: usable(q.account_check),
  };
  return [
    ...RULES.map((rule) => ({
      name: rule.name,
      target: rule.target,
      main: rule.judge(main),
      quiet: rule.judge(quiet),
    })),
    ...STATIC_RULES.map((rule) => {
      const result = rule.judge(main);
      return { name: rule.name, target: rule.target, main: result, quiet: result };
    }),
  ];
}

/**
 * Section 8's targets (the 2026-07-28 issue), judged on the quiet stack where the peer and the
 * baseline worker run beside the worker: ratios of medians and p99s of the same run.
 */
export function evaluateEraTargets(eras) {
  const r = eras && !eras.error ? eras.ratios : undefined;
  const judge = (value, pass) => measured(value, pass, "×");
  return [
    {
      name: "2026-07-28 tool call, median, against the peer (`createMcpHandler`, no Durable Object)",
      target: "≤ 0.8×",
      result: judge(r?.modern_vs_peer?.median, r?.modern_vs_peer?.median <= 0.8),
    },
    {
      name: "2026-07-28 tool call, p99, against the peer",
      target: "≤ 1×",
      result: judge(r?.modern_vs_peer?.p99, r?.modern_vs_peer?.p99 <= 1),
    },
    {
      name: `2025 tool call (session, JSON), median, against the baseline commit (${eras?.baseline_commit ?? "n/a"})`,
      target: "≤ 1× (no slower than before)",
      result: judge(r?.legacy_vs_baseline?.median, r?.legacy_vs_baseline?.median <= 1),
    },
  ];
}
