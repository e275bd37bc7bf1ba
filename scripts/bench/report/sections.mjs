// One renderer per measured section of BENCHMARKS.md.
import { ACCOUNT_CHECK_LABELS } from "../sections/account-check.mjs";
import { VARIANT_LABELS } from "../sections/overhead.mjs";
import { f, failed, sectionError, table, x } from "./format.mjs";

export function overheadSection(report) {
  const o = report.results.overhead;
  if (failed(o)) return `## 1. Proxy overhead\n\n${sectionError("overhead", o)}\n`;
  const s = o.summaries;
  const base = s.direct.median + s.floor.median;
  const baseP99 = s.direct.p99 + s.floor.p99;
  const row = (name) => [
    `\`${name}\``,
    VARIANT_LABELS[name],
    f(s[name].median),
    f(s[name].p99),
    x(s[name].median / base),
  ];
  const rows = [
    row("direct"),
    row("floor"),
    ["direct + floor", "baseline", f(base), f(baseP99), x(1)],
    row("call_json"),
    row("call_sse"),
    row("call_legacy"),
    row("raw_call"),
    row("raw_call_identity"),
  ];
  const t = o.transports;
  const ownRows = Object.entries(t).map(([kind, v]) => [
    kind === "json"
      ? "Streamable HTTP, JSON"
      : kind === "sse"
        ? "Streamable HTTP, SSE"
        : "legacy HTTP+SSE",
    f(v.call.median),
    f(v.own_cost_ms.median),
    f(v.own_cost_ms.p99),
    x(v.ratio_to_direct_plus_floor.median),
    x(v.ratio_to_direct_plus_floor.p99),
  ]);
  const errors = Object.entries(o.errors).filter(([, n]) => n > 0);
  const transportErrors = Object.entries(o.transport_errors ?? {}).filter(
    ([, list]) => list.length,
  );
  return `## 1. Proxy overhead: \`${o.tool}\` (id ${o.ticket_id})

${o.rounds} interleaved rounds after ${o.warmup} warm-up rounds (${f(o.wall_ms / 1000, 0)} s).

${table(["variant", "what", "median", "p99", "median / (direct + floor)"], rows)}

${table(["transport (SDK client)", "call median", "own cost median", "own cost p99 (difference of p99s)", "ratio median", "ratio p99"], ownRows)}

Own cost, paired per round (Streamable HTTP JSON): median ${f(o.own_cost_paired_ms.median)}, p90
${f(o.own_cost_paired_ms.p90)}, p99 ${f(o.own_cost_paired_ms.p99)}. Without the SDK client (bare fetch): own cost median
${f(o.raw_own_cost_ms.median)}.
Errors: ${errors.length ? errors.map(([k, n]) => `${k} ${n}`).join(", ") : "none"}.${transportErrors.length ? ` Transport errors seen by SDK clients: ${transportErrors.map(([k, list]) => `${k}: ${list.length} (first: ${list[0].message})`).join("; ")}.` : ""}
`;
}

export function legacySection(report) {
  const o = report.results.overhead;
  if (failed(o)) return "";
  const s = o.summaries;
  const rows = [
    ["Streamable HTTP, JSON response", "call_json", "ping_json"],
    ["Streamable HTTP, SSE response", "call_sse", "ping_sse"],
    ["legacy HTTP+SSE (`…/sse`)", "call_legacy", "ping_legacy"],
  ].map(([label, call, ping]) => [
    label,
    f(s[call].median),
    f(s[call].p99),
    x(s[call].median / s.call_json.median),
    f(s[ping].median),
    f(s[ping].p99),
    x(s[ping].median / s.ping_json.median),
  ]);
  return `## 5. Legacy SSE vs Streamable HTTP (same call, same rounds as section 1)

${table(["transport", "call median", "call p99", "call vs JSON", "ping median", "ping p99", "ping vs JSON"], rows)}
`;
}

export function toolsListSection(report) {
  const l = report.results.tools_list;
  const out = ["## 2. `tools/list`"];
  if (failed(l)) return `${out[0]}\n\n${sectionError("tools_list", l)}\n`;
  const s = l.summaries;
  const rows = [
    ["full catalog, bare fetch", "raw_list_full", "raw_ping", "raw_full"],
    [
      "full catalog, bare fetch, no compression",
      "raw_list_full_identity",
      "raw_ping_identity",
      "raw_full_identity",
    ],
    ["read + tickets, bare fetch", "raw_list_read_tickets", "raw_ping", "raw_read_tickets"],
    ["full catalog, SDK `listTools()`", "sdk_list_full", "sdk_ping", "sdk_full"],
    ["read + tickets, SDK `listTools()`", "sdk_list_read_tickets", "sdk_ping", "sdk_read_tickets"],
  ]
    .filter(([, list]) => s[list])
    .map(([label, list, ping, key]) => [
      label,
      f(s[list].median),
      f(s[list].p99),
      f(s[ping].median),
      f(l.added_over_ping_ms[key].median),
      x(l.added_over_ping_ms[key].ratio_median),
    ]);
  out.push(
    `Warm: ${l.rounds} interleaved rounds, each list against a ping in the same session.\n\n${table(["config and client", "median", "p99", "ping median", "added over ping (median)", "list / ping"], rows)}`,
  );

  const cold = report.results.cold_lists;
  if (!failed(cold)) {
    const coldRows = Object.entries(cold)
      .filter(([k]) => k !== "section_wall_ms")
      .map(([label, row]) => [
        label === "full" ? "full catalog" : "read + tickets",
        `${f(row.initialize.median)} / ${f(row.initialize.p99)}`,
        `${f(row.first_list.median)} / ${f(row.first_list.p99)}`,
        `${f(row.second_list.median)} / ${f(row.second_list.p99)}`,
        `${f(row.ping.median)} / ${f(row.ping.p99)}`,
      ]);
    out.push(`Cold after creation: a new server per sample (${report.setup.plan.cold} per config, configs alternating),
then a fresh session on it, bare fetch; median / p99. The worker's isolate is warm here: the
catalog's per-config memo is shared by every server with the same config.\n\n${table(["config", "initialize + initialized", "first tools/list", "second tools/list", "ping"], coldRows)}`);
  }
  const tc = report.results.true_cold;
  if (!failed(tc)) {
    const tcRows = Object.entries(tc)
      .filter(([k]) => k !== "section_wall_ms")
      .map(([label, row]) => [
        label === "full"
          ? "full catalog (first MCP request of the isolate)"
          : "read + tickets (second server)",
        f(row.initialize),
        f(row.first_list),
        f(row.second_list),
        f(row.ping),
        f(row.first_call),
        f(row.second_call),
      ]);
    out.push(`True cold start: \`wrangler dev\` restarted (servers created before the restart); one sample
each, so read them as indications. \`startStack\` waits for \`/health\`, so the isolate has
loaded the worker's module, but no MCP code has run and no ServerObject is in memory.\n\n${table(["server", "initialize", "first tools/list", "second tools/list", "ping", "first call", "second call"], tcRows)}`);
  }
  const size = l.size;
  if (size.full) {
    const sizeRows = Object.entries(size)
      .filter(([, v]) => v)
      .map(([label, v]) => [
        label === "full" ? "full catalog (`{}`)" : "read + tickets",
        v.tools,
        v.http_body_bytes ?? "n/a",
        v.tools_json_bytes,
        v.tokens_total,
        v.tokens_per_tool_mean,
        `${v.tokens_per_tool_max} (\`${v.largest_tools[0].name}\`)`,
      ]);
    const before = size.full.before;
    if (before) {
      sizeRows.push([
        `full catalog before (main ${before.commit}, ${before.measured})`,
        before.tools,
        "n/a",
        before.tools_json_bytes,
        before.tokens_total,
        Math.round(before.tokens_total / before.tools),
        "",
      ]);
    }
    const bound = size.full.bound_tokens
      ? ` The bound is ${size.full.bound_tokens} tokens for the full catalog; it now takes ${size.full.ratio_to_before}× the tokens it took before.`
      : "";
    out.push(
      `Size (tokens ≈ characters / 4):\n\n${table(["config", "tools", "response bytes", "tools JSON bytes", "tokens", "tokens / tool (mean)", "largest tool"], sizeRows)}\n\nLargest tools of the full catalog: ${size.full.largest_tools.map((t) => `\`${t.name}\` ${t.tokens}`).join(", ")} tokens.${bound}`,
    );
  }
  return out.join("\n\n") + "\n";
}

/** The first error of each concurrency run that had any, for the reader to judge. */
function errorLines(c) {
  const lines = [];
  for (const [path, runs] of Object.entries(c.runs)) {
    runs.forEach((r, i) => {
      if (r.setup_errors)
        lines.push(
          `- ${path} run ${i + 1}: ${r.setup_errors} session(s) failed to connect: ${r.first_setup_error}`,
        );
      if (r.errors)
        lines.push(`- ${path} run ${i + 1}: ${r.errors} failed call(s), first: ${r.first_error}`);
    });
  }
  return lines.length ? `Errors seen:\n\n${lines.join("\n")}\n\n` : "";
}

export function concurrencySection(report) {
  const c = report.results.concurrency;
  const title = "## 3. Concurrency";
  if (failed(c)) return `${title}\n\n${sectionError("concurrency", c)}\n`;
  const row = (label, runs) =>
    runs.map((r, i) => [
      `${label}${runs.length > 1 ? ` (run ${i + 1})` : ""}`,
      f(r.throughput_per_s, 1),
      f(r.wall_ms / 1000),
      f(r.latency.median),
      f(r.latency.p99),
      `${r.errors + (r.setup_errors ?? 0)}`,
      f(r.cpu_ms_per_call?.total),
    ]);
  const rows = [
    ...row("direct to the simulator", c.runs.direct),
    ...row("worker, SDK client", c.runs.worker_sdk),
    ...row("worker, bare fetch", c.runs.worker_raw),
    ...row(
      `worker, bare fetch, sessions over ${c.spread_servers} servers`,
      c.runs.worker_raw_spread ?? [],
    ),
  ];
  return `${title}

${c.sessions} concurrent sessions × ${c.calls_per_session} \`get_single_e_desk_ticket_by_id\` calls (ids spread over
${c.distinct_ids} tickets listed first), against the same ${c.sessions * c.calls_per_session} requests straight to the simulator at
the same concurrency. Sessions are connected (and \`tools/list\` called) before the clock starts;
phases alternate.

${table(["path", "calls/s", "wall s", "latency median", "latency p99", "errors", "CPU ms / call"], rows)}

${errorLines(c)}Throughput ratio worker / direct (medians of the runs): **${f(c.ratio)}** with the SDK client,
${f(c.ratio_raw)} with bare fetch${c.ratio_raw_spread ? `, ${f(c.ratio_raw_spread)} with bare fetch over ${c.spread_servers} servers` : ""}. Errors (exceptions and
\`isError\` results): direct ${c.errors.direct}, worker ${c.errors.worker_sdk} (SDK), ${c.errors.worker_raw} (bare fetch)${c.errors.worker_raw_spread !== undefined ? `, ${c.errors.worker_raw_spread} (spread)` : ""}.
`;
}

export function setupSection(report) {
  const s = report.results.session_setup;
  const title = "## 4. Session setup";
  if (failed(s)) return `${title}\n\n${sectionError("session_setup", s)}\n`;
  const ping = report.results.overhead?.summaries?.ping_json?.median;
  const rows = [
    ["SDK, Streamable HTTP JSON", "json"],
    ["SDK, Streamable HTTP SSE", "sse"],
    ["SDK, legacy HTTP+SSE", "legacy"],
    ["bare fetch, Streamable HTTP JSON", "raw"],
  ].map(([label, key]) => {
    const r = s.summaries[key];
    return [
      label,
      `${f(r.connect.median)} / ${f(r.connect.p99)}`,
      `${f(r.list.median)} / ${f(r.list.p99)}`,
      `${f(r.total.median)} / ${f(r.total.p99)}`,
      ping ? x(r.total.median / ping) : "n/a",
    ];
  });
  return `${title}

Connect (initialize + initialized; for legacy SSE also the GET stream and its \`endpoint\`
event) and then \`tools/list\` of the full catalog, end to end; ${s.samples} sessions per transport after
${s.warmup} warm-up rounds, transports interleaved; median / p99. Errors: ${s.errors}.

${table(["client and transport", "connect", "tools/list", "total", "total / warm SDK ping"], rows)}
`;
}

export function sizeSection(report) {
  const s = report.results.size;
  const title = "## 6. Bundle size";
  if (failed(s)) return `${title}\n\n${sectionError("size", s)}\n`;
  const gzip = s.wrangler_gzip_kib ?? s.script_gzip_kib;
  const rows = [
    ["worker script, minified", `${f(s.script_kib, 1)} KiB`, `${f(gzip, 1)} KiB`],
    [
      "Cloudflare limit, Workers Free / Paid (compressed)",
      "",
      `${s.limits_gzip_kib.free} / ${s.limits_gzip_kib.paid} KiB`,
    ],
    ["share of the Free limit", "", `${f((100 * gzip) / s.limits_gzip_kib.free, 1)} %`],
  ];
  return `${title}

\`wrangler deploy --dry-run --outdir <temp> --minify\` (the flags of \`npm run build\`); gzip as
wrangler reports it (zlib's own figure: ${f(s.script_gzip_kib, 1)} KiB). Files written: ${s.files.map((n) => `\`${n}\``).join(", ")}; the
source map is not uploaded as code. The catalog's \`tools/list\` size is in section 2.

${table(["", "size", "gzip"], rows)}
`;
}

/** Section 7 for one stack's concurrency result. */
function memoryTable(c) {
  const labels = [...new Set(c.memory.flatMap((m) => Object.keys(m.rss_mib)))].sort();
  const rows = c.memory.map((m) => [m.after, ...labels.map((l) => f(m.rss_mib[l], 1))]);
  return table(["after", ...labels.map((l) => `${l} RSS MiB`)], rows);
}

export function memorySection(report) {
  const title = "## 7. Memory";
  const c = report.results.concurrency;
  const q = report.results.quiet?.concurrency;
  const h = report.results.heap;
  const out = [title];
  out.push(`Resident memory (\`VmRSS\`) of each process of the stack before the first concurrency run of
section 3 and after each run through the worker (${report.setup.plan.sessions} sessions × ${report.setup.plan.calls} calls with the SDK
client; after run 1 also the bare-fetch runs).`);
  out.push(
    failed(c) || !c.memory
      ? `\`wrangler dev\`: ${sectionError("concurrency", c)}`
      : `\`wrangler dev\`:\n\n${memoryTable(c)}`,
  );
  out.push(
    failed(q) || !q.memory
      ? `Inspector off: ${sectionError("quiet concurrency", q)}`
      : `Inspector off:\n\n${memoryTable(q)}`,
  );
  if (failed(h)) out.push(`JS heap check: ${sectionError("heap", h)}`);
  else {
    const rows = h.samples.map((s) => [
      s.after === "start" ? "start" : s.after === "control" ? "401s (control)" : "tool calls",
      String(s.calls),
      String(s.floors),
      f(s.heap_mib, 1),
      f(s.runtime_rss_mib, 1),
    ]);
    out.push(`What the product's code keeps: a separate quiet stack with the worker's inspector attached
from its start; ${h.sessions} sessions stay open while rounds of ${h.calls_per_round} tool calls alternate with control rounds
of ${h.calls_per_round} of the runtime's cheapest answers (\`GET /api/integrated-account\` without credentials, 401:
no MCP code, no Durable Object), at the same concurrency. After each round: the isolate's used JS
heap after a full collection (a heap snapshot forces it; workerd does not answer
\`HeapProfiler.collectGarbage\`) and the runtime workerd's RSS.

${table(["after a round of", "tool calls so far", "401s so far", "JS heap after GC, MiB", "runtime workerd RSS MiB"], rows)}

RSS growth per 1000 requests over the rounds after the first pair: tool calls ${f(h.rss_mib_per_1000.calls, 1)} MiB, 401s
${f(h.rss_mib_per_1000.control, 1)} MiB.`);
  }
  return out.join("\n\n") + "\n";
}

/** The account budget check against the same call without it, on both stacks. */
export function accountCheckSection(report) {
  const title = "## Guard rails: the account budget check";
  const main = report.results.account_check;
  const quiet = report.results.quiet?.account_check;
  if (failed(main)) return `${title}\n\n${sectionError("account_check", main)}\n`;
  const rows = [];
  for (const [label, a] of [
    ["`wrangler dev`", main],
    ["inspector off", quiet],
  ]) {
    if (failed(a)) continue;
    for (const name of ["call_no_budget", "call_budget"]) {
      rows.push([
        label,
        `\`${name}\``,
        ACCOUNT_CHECK_LABELS[name],
        f(a.summaries[name].median),
        f(a.summaries[name].p99),
      ]);
    }
    rows.push([label, "added", "budget − no budget", f(a.added_median_ms, 3), "—"]);
    rows.push([label, "ratio", "budget / no budget", x(a.ratio_median), x(a.ratio_p99)]);
    rows.push([
      label,
      "paired",
      "per round, budget − no budget",
      f(a.added_paired_ms.median, 3),
      f(a.added_paired_ms.p99, 3),
    ]);
    rows.push([
      label,
      "worker CPU",
      `per call, budget − no budget (CPU ms, ${a.cpu_count} calls each)`,
      f(a.added_worker_cpu_ms, 3),
      "—",
    ]);
  }
  const errors = Object.entries(main.errors).filter(([, n]) => n > 0);
  return `${title}

Every eDesk request of a server whose account has a budget takes a token of the account's bucket
(one per account, in its AccountObject). Servers lease up to 64 tokens at a time for 1 s and
give back what they did not spend, so most requests cost no round trip. ${main.rounds}
interleaved rounds of \`${main.tool}\` on two servers, one of an account with a budget of
${main.account_budget.toLocaleString("en-US")} a minute and one of an account without.

${table(["stack", "variant", "what", "median", "p99"], rows)}

Errors: ${errors.length ? errors.map(([k, n]) => `${k} ${n}`).join(", ") : "none"}.
`;
}
