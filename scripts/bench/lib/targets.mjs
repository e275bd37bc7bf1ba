// The targets of the benchmark issue, judged on one run's results.

const check = (name, value, target, pass, unit = "") => ({
  name,
  value: value === null || value === undefined ? "n/a" : `${value}${unit}`,
  target,
  pass: Boolean(pass) && value !== null && value !== undefined,
});

export function evaluateTargets(results) {
  const out = [];
  const o = results.overhead;
  if (o && !o.error) {
    out.push(
      check(
        "MCP layer's own cost, median (SDK client, Streamable HTTP JSON)",
        o.own_cost_ms.median,
        "≤ 2 ms",
        o.own_cost_ms.median <= 2,
        " ms",
      ),
    );
    const p99 = o.own_cost_paired_ms.p99;
    out.push(
      check(
        "MCP layer's own cost, p99 (SDK client, Streamable HTTP JSON; per-round differences)",
        p99,
        "≤ 10 ms",
        p99 <= 10,
        " ms",
      ),
    );
    const errs = Object.values(o.errors).reduce((a, b) => a + b, 0);
    out.push(check("errors in the proxy-overhead rounds", errs, "0", errs === 0));
  }
  const l = results.tools_list;
  if (l && !l.error) {
    for (const [key, label] of [
      ["raw_full", "full catalog"],
      ["raw_read_tickets", "read + tickets"],
    ]) {
      const v = l.added_over_ping_ms[key].median;
      out.push(
        check(
          `warm tools/list added over a ping, median, ${label} (server + wire)`,
          v,
          "≤ 2 ms",
          v <= 2,
          " ms",
        ),
      );
    }
    // "Well under" is read as at most 80 % of 350 (280); between that and 350 is marginal.
    const per = l.size.full?.tokens_per_tool_mean;
    const tokens = check(
      "full catalog tools/list, tokens per tool (mean, ≈ chars/4)",
      per,
      "well under 350 (≤ 280)",
      per <= 280,
    );
    if (!tokens.pass && per < 350) tokens.marginal = true;
    out.push(tokens);
  }
  const c = results.concurrency;
  if (c && !c.error) {
    out.push(
      check(
        "throughput ratio worker / direct, 100 sessions × 20 calls (SDK client)",
        c.ratio,
        "≥ 0.5",
        c.ratio >= 0.5,
      ),
    );
    const errs = Object.values(c.errors).reduce((a, b) => a + b, 0);
    out.push(
      check("errors under concurrency (exceptions and isError results)", errs, "0", errs === 0),
    );
  }
  return out;
}
