// The diagnostic stack with wrangler's inspector off, side by side with the main run.
import { cpuTable, f, failed, sectionError, table, x } from "./format.mjs";

export function quietSection(report) {
  const q = report.results.quiet;
  const title = "## Inspector off: the same stack without wrangler's DevTools inspector";
  if (!q) return "";
  if (q.error) return `${title}\n\n${sectionError("quiet", q)}\n`;
  const a = report.results;
  const pair = (label, main, quiet) => [label, main, quiet];
  const rows = [];
  if (!failed(q.overhead) && !failed(a.overhead)) {
    const A = a.overhead;
    const B = q.overhead;
    for (const name of [
      "floor",
      "direct",
      "do_hop",
      "raw_ping",
      "raw_call",
      "call_json",
      "call_sse",
      "call_legacy",
    ]) {
      rows.push(
        pair(
          `\`${name}\` median / p99`,
          `${f(A.summaries[name].median)} / ${f(A.summaries[name].p99)}`,
          `${f(B.summaries[name].median)} / ${f(B.summaries[name].p99)}`,
        ),
      );
    }
    rows.push(
      pair("MCP layer's own cost, median", f(A.own_cost_ms.median), f(B.own_cost_ms.median)),
    );
    rows.push(
      pair(
        "MCP layer's own cost, p99 (paired)",
        f(A.own_cost_paired_ms.p99),
        f(B.own_cost_paired_ms.p99),
      ),
    );
    rows.push(
      pair(
        "call / (direct + floor), median",
        x(A.transports.json.ratio_to_direct_plus_floor.median),
        x(B.transports.json.ratio_to_direct_plus_floor.median),
      ),
    );
  }
  if (!failed(q.tools_list) && !failed(a.tools_list)) {
    rows.push(
      pair(
        "full `tools/list` added over a ping (bare fetch)",
        f(a.tools_list.added_over_ping_ms.raw_full.median),
        f(q.tools_list.added_over_ping_ms.raw_full.median),
      ),
    );
    rows.push(
      pair(
        "read + tickets `tools/list` added over a ping",
        f(a.tools_list.added_over_ping_ms.raw_read_tickets.median),
        f(q.tools_list.added_over_ping_ms.raw_read_tickets.median),
      ),
    );
  }
  if (!failed(q.concurrency) && !failed(a.concurrency)) {
    rows.push(
      pair(
        "concurrency: direct calls/s",
        f(a.concurrency.throughput_per_s.direct, 1),
        f(q.concurrency.throughput_per_s.direct, 1),
      ),
    );
    rows.push(
      pair(
        "concurrency: worker calls/s (SDK)",
        f(a.concurrency.throughput_per_s.worker_sdk, 1),
        f(q.concurrency.throughput_per_s.worker_sdk, 1),
      ),
    );
    rows.push(pair("concurrency ratio", f(a.concurrency.ratio), f(q.concurrency.ratio)));
    rows.push(
      pair(
        "concurrency errors (SDK)",
        a.concurrency.errors.worker_sdk,
        q.concurrency.errors.worker_sdk,
      ),
    );
  }
  const cpu = !failed(q.cpu)
    ? `\n\nCPU per request with the inspector off (both workers' wrangler work runs in one Node process
here${Object.values(q.cpu.per_request_ms).some((groups) => "both runtime workerd" in groups) ? ", and the two runtime workerds are summed" : ""}):\n\n${cpuTable(q.cpu, ["floor", "direct", "do_hop", "raw_ping", "raw_call", "call_json"])}`
    : "";
  return `${title}

Started through wrangler's programmatic \`unstable_startWorker\` with \`dev.inspector: false\` and
\`watch: false\` (\`scripts/bench/lib/quiet-stack.mjs\`), same code, same probes, fewer rounds
(${report.setup.plan.quietRounds}). The \`wrangler dev\` CLI has no switch for this, and it is not how \`npm start\` runs;
the targets table judges both stacks, and this shows how much of the gap is the dev tool.

${table(["measure", "`wrangler dev` (main run)", "inspector off"], rows)}${cpu}
`;
}
