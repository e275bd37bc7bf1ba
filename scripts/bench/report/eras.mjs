// Section 8 of BENCHMARKS.md: one tool call per protocol era, against the peer and the baseline.
import { DEFAULT_BASELINE_COMMIT } from "../lib/plan.mjs";
import { ERA_LABELS } from "../sections/eras.mjs";
import { f, failed, mark, sectionError, table, x } from "./format.mjs";

const ORDER = [
  "modern",
  "legacy_json",
  "legacy_sse",
  "baseline_json",
  "baseline_modern",
  "peer_modern",
  "peer_stateless",
  "direct",
  "floor",
  "do_hop",
  "peer_floor",
];

const RATIO_ROWS = [
  ["modern_vs_peer", "2026-07-28: ours / peer"],
  ["modern_vs_2025", "ours: 2026-07-28 / 2025 session (JSON)"],
  ["legacy_vs_baseline", "ours, 2025 session (JSON): today / baseline commit"],
  ["modern_vs_baseline_modern", "ours, 2026-07-28: today / baseline commit"],
  ["baseline_modern_vs_peer", "2026-07-28: baseline commit / peer"],
  ["sessionful_sse_vs_peer_stateless", "2025, SSE answers: our session / peer stateless"],
  ["sessionful_json_vs_peer_stateless", "2025: our session (JSON) / peer stateless (SSE)"],
  ["peer_stateless_vs_peer_modern", "peer: 2025 stateless / 2026-07-28"],
];

export function erasSection(report) {
  const title = "## 8. Protocol eras: 2026-07-28, 2025, and a minimal peer";
  const e = report.results.quiet?.eras;
  if (failed(e)) return `${title}\n\n${sectionError("eras", e)}\n`;
  const s = e.summaries;
  const cpu = e.cpu_per_call_ms ?? {};
  const rows = ORDER.filter((name) => s[name]).map((name) => [
    `\`${name}\``,
    ERA_LABELS[name],
    f(s[name].median),
    f(s[name].p99),
    f(cpu[name]?.total),
  ]);
  const ratioRows = RATIO_ROWS.filter(([key]) => e.ratios[key]).map(([key, label]) => {
    const r = e.ratios[key];
    return [label, x(r.median), x(r.p99), x(r.paired_median), x(r.cpu)];
  });
  const targets = (report.era_targets ?? []).map((t) => [
    t.name,
    t.target,
    t.result.value,
    mark(t.result.pass),
  ]);
  const errors = Object.entries(e.errors).filter(([, n]) => n > 0);
  const b = e.beyond_floor_ms;
  return `${title}

On the quiet stack (inspector off), one \`${e.tool}\` call (id ${e.ticket_id}) per variant, all with
bare \`fetch\` so no client library differs between them; ${e.rounds} interleaved rounds after ${e.warmup}
warm-up rounds. Beside the worker run, on the same simulator: the **peer**
(\`scripts/bench/peer\`), a minimal server built the way Cloudflare's Agents docs recommend
(\`createMcpHandler\` from \`agents/mcp/server\`, an SDK v2 \`McpServer\` per request, no Durable
Object, one tool proxying the same eDesk GET, no auth, audit or rate figures), which serves
2026-07-28 and, statelessly, 2025; and the **baseline**, this worker as it was at
\`${e.baseline_commit ?? "n/a"}\` (${baselineMeaning(e.baseline_commit)}), with its own state. CPU is the
sum over every process of the stack, client included, per call (${e.cpu_count} sequential calls per
variant).

${table(["variant", "what", "median", "p99", "CPU ms / call"], rows)}

Ratios (below 1: the first is faster). "paired" is the median of the per-round ratios of two
variants that ran back to back; CPU is the ratio of the CPU columns.

${table(["ratio", "median", "p99", "paired median", "CPU"], ratioRows)}

What each server adds over the cheapest answer of its own path (medians): ours over the gate
and Durable Object hop every MCP request of either era takes (\`do_hop\`, itself
${f(b.do_hop_minus_floor)} ms over the runtime floor), the peer over its runtime floor: 2026-07-28 ours
${f(b.modern_minus_do_hop)} ms, peer ${f(b.peer_modern_minus_peer_floor)} ms; 2025 ours (session, JSON)
${f(b.legacy_json_minus_do_hop)} ms, peer (stateless) ${f(b.peer_stateless_minus_peer_floor)} ms. Load average
(1/5/15 min) at the section's start ${e.load_average.at_start.join(" / ")}, at its end
${e.load_average.at_end.join(" / ")}.

${table(["target", "target", "inspector off", "result"], targets)}

Errors: ${errors.length ? errors.map(([k, n]) => `${k} ${n}`).join(", ") : "none"}.
`;
}

function baselineMeaning(commit) {
  return commit === DEFAULT_BASELINE_COMMIT
    ? "the commit before the 2026-07-28 era"
    : "set with BENCH_BASELINE; where it serves 2026-07-28, measured in that era too";
}
