// The Soak section of BENCHMARKS.md, from soak.json. `npm run soak` rewrites only this section
// (between the markers); `npm run bench` rewrites the rest and puts this section back from
// soak.json, so neither run loses the other's figures.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeFormatted } from "../bench/lib/output.mjs";

export const START = "<!-- soak:start (written by npm run soak from soak.json) -->";
export const END = "<!-- soak:end -->";

const f = (value, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value)
    ? "n/a"
    : Number(value).toFixed(digits);

function table(headers, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

const duration = (seconds) =>
  seconds % 60 === 0 ? `${seconds / 60} minute${seconds === 60 ? "" : "s"}` : `${seconds} s`;

const pct = (share) => `${f(share * 100, share < 0.01 ? 3 : 1)}%`;

/** The last soak.json written beside BENCHMARKS.md, if any. */
export function readSoak(root) {
  const file = path.join(root, "soak.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

function method(soak) {
  const s = soak.setup;
  const m = soak.machine;
  const mix = Object.entries(s.operation_mix)
    .map(([name, share]) => `${name.replace(/_/g, " ")} ${pct(share)}`)
    .join(", ");
  const kinds = s.fault_rules
    .map((rule) =>
      rule.kind === "status"
        ? String(rule.status)
        : rule.kind === "delay"
          ? `delay ${rule.delay_ms} ms`
          : rule.kind,
    )
    .join(", ");
  const timeout = s.worker_timeout_var_supported
    ? `the worker's per-request upstream timeout is set to ${s.worker_vars.EDESK_TIMEOUT_MS} ms (\`EDESK_TIMEOUT_MS\`), so the ${s.delay_ms} ms delay is a timeout`
    : `\`EDESK_TIMEOUT_MS=${s.worker_vars.EDESK_TIMEOUT_MS}\` is passed, but this code does not read it (default timeout 15 s), so the ${s.delay_ms} ms delay only makes a call slow`;
  return `- **Stack**: the simulator and the worker started through wrangler's \`unstable_startWorker\`
  with the DevTools inspector off and no file watching (\`scripts/bench/lib/quiet-stack.mjs\`),
  closest to production; working tree at commit \`${s.tree.commit}\`${s.tree.uncommitted_files ? ` with ${s.tree.uncommitted_files} uncommitted file(s)` : ""}; ${timeout}. The simulator's bucket is
  roomy (capacity ${s.simulator_bucket.capacity.toLocaleString("en-US")}), so every 429 is an injected one.
- **Load**: ${s.sessions} concurrent sessions of the official SDK client over Streamable HTTP, one MCP
  server (one Durable Object), each session listing its tools once and then calling for
  ${s.seconds} s with a pause of ${s.think_ms} ms on average (0.5× to 1.5×) between calls, as an agent waits for its
  model. Mix: ${mix}. Ticket lists are filtered by status and channel, 5 per page, followed
  up to 4 pages through \`next_cursor\`; a message is read by id (eDesk has no list-messages
  endpoint); the write is an internal note on a ticket. Every answer is checked against what
  was asked (\`wrong_result\` otherwise).
- **Faults**: ${pct(s.fault_rate)} of eDesk requests, in equal shares of ${kinds} (\`PUT /__sim/faults\`,
  seed ${s.fault_seed}). \`reset\` drops the connection after half the body; \`truncate\` answers 200 with
  half a JSON body; \`non_json\` answers 200 with a proxy's HTML page.
- **Machine**: ${m.cpu_model}, ${m.cores} cores, ${m.memory_gib} GiB RAM; Node ${m.node}; wrangler ${m.versions.wrangler},
  workerd ${m.versions.workerd}. Load average at start ${m.load_average_at_start.join(" / ")}, at end
  ${(m.load_average_at_end ?? []).join(" / ")}; the machine is shared, and the client, both workers and wrangler
  compete for its ${m.cores} cores.`;
}

function explanationTable(r) {
  const e = r.faults.explanation;
  const rows = e.groups.map((g) => [
    `\`${g.error_kind}\``,
    g.faults.join(" + "),
    g.injected,
    g.surfaced,
    g.absorbed,
  ]);
  for (const [key, count] of Object.entries(e.not_error_faults)) {
    rows.push([`(none: slow call)`, key, count, 0, count]);
  }
  for (const [kind, count] of Object.entries(e.unexplained)) {
    const grouped = e.groups.some((g) => g.error_kind === kind);
    const label = grouped ? "of the above, beyond the injected" : "none";
    rows.push([`\`${kind}\` **unexplained**`, label, 0, count, "n/a"]);
  }
  return table(
    ["error kind (tool result)", "injected fault", "injected", "surfaced", "absorbed"],
    rows,
  );
}

function windowTable(r) {
  const rows = r.windows.map((w) => [
    `${w.from_s}–${w.to_s} s`,
    f(w.calls_per_s),
    w.errors,
    f(w.latency_ms.p50),
    f(w.latency_ms.p95),
    f(w.latency_ms.p99),
    f(w.rss_mib["worker runtime workerd"]),
    f(w.rss_mib["simulator runtime workerd"]),
    f(w.cpu_cores["worker runtime workerd"], 2),
  ]);
  return table(
    [
      "window",
      "calls/s",
      "errors",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "worker workerd RSS MiB",
      "simulator workerd RSS MiB",
      "worker workerd CPU cores",
    ],
    rows,
  );
}

/**
 * What the known messages among the unexplained errors mean; the mechanisms were checked in
 * wrangler 4.86's `templates/startDevWorker/ProxyWorker.ts` and src/edesk/client.ts.
 */
function notes(r) {
  const out = [];
  const unexplained = r.faults.explanation.unexplained;
  if (unexplained.transport && /restarted mid-request/.test(r.error_examples.transport ?? "")) {
    out.push(`"Your worker restarted mid-request" is a 503 from wrangler's dev \`ProxyWorker\` (the proxy
  workerd in front of the worker's runtime), not an answer of the worker: when its forwarding
  fetch to the runtime fails, it compares the request's URL with the runtime's bare URL, and for
  any path but \`/\` they differ, so every failed forward of a POST gets this text (a GET is
  queued for a retry instead). The hop exists only under local development.`);
  }
  if (unexplained.unreachable) {
    out.push(`${unexplained.unreachable} \`unreachable\` result(s) beyond the injected resets: the worker's own request to
  the simulator failed at the network level (its fetch or body read rejected) inside the local
  chain (worker runtime → the simulator's proxy workerd → its runtime) with no fault injected
  for it; this run does not tell which hop.`);
  }
  return out.length
    ? `\nNotes on the unexplained errors:\n\n${out.map((n) => `- ${n}`).join("\n")}\n`
    : "";
}

/** RSS growth of a process per 1000 calls over the run, in MiB. */
function growthPerThousand(r, label) {
  const growth = r.memory.growth_mib[label];
  return r.calls.total ? (growth / r.calls.total) * 1000 : null;
}

/** The section's markdown, between its markers. */
export function soakSection(soak) {
  const r = soak.results;
  const c = r.calls;
  const e = r.faults.explanation;
  const mem = r.memory;
  const cat = r.errors_by_category;
  const worker = "worker runtime workerd";
  const verdict = e.all_explained
    ? `**Every error is explained by an injected fault**: no error of a kind no fault causes, and no more errors of a kind than faults injected for it.`
    : `**Not every error is explained by an injected fault**: ${Object.entries(e.unexplained)
        .map(([kind, n]) => `${n} \`${kind}\``)
        .join(", ")} (examples below).`;
  const examples = Object.entries(r.error_examples)
    .map(([kind, text]) => `- \`${kind}\`: ${text.replace(/\s+/g, " ")}`)
    .join("\n");
  return `${START}

## Soak: ${soak.setup.sessions} sessions for ${duration(soak.setup.seconds)} with ${pct(soak.setup.fault_rate)} upstream faults

Generated by \`npm run soak\` (\`scripts/soak/run.mjs\`) on ${soak.generated_at}; raw figures in
\`soak.json\`. Not part of \`npm run bench\`, which keeps this section as it is.

${method(soak)}

${table(
  ["measure", "value"],
  [
    [
      "sessions connected (distinct session ids)",
      `${r.sessions.connected} (${r.sessions.distinct_session_ids})`,
    ],
    ["tool calls", `${c.total} in ${f(r.duration_s)} s (${f(c.calls_per_s)} per second)`],
    ["answered correctly", `${c.ok}`],
    [
      "errors",
      `${c.errors}: ${cat.tool_error ?? 0} \`isError\` results, ${cat.protocol ?? 0} JSON-RPC errors, ${cat.transport ?? 0} transport failures, ${cat.wrong_result ?? 0} wrong answers`,
    ],
    ["writes (notes)", `${c.writes}, of which ${c.write_errors} failed`],
    [
      "faults injected by the simulator",
      `${r.faults.injected_total} (${f((r.faults.injected_per_call ?? 0) * 100, 2)}% of calls)`,
    ],
    ["calls slower than the delay fault", `${r.slow_calls_over_delay}`],
    [
      "latency, all calls: p50 / p95 / p99 / max",
      `${f(r.latency_ms.p50)} / ${f(r.latency_ms.p95)} / ${f(r.latency_ms.p99)} / ${f(r.latency_ms.max)} ms`,
    ],
    [
      "worker workerd RSS: start → end (peak)",
      `${f(mem.start_mib[worker])} → ${f(mem.end_mib[worker])} MiB (${f(mem.peak_mib[worker])})`,
    ],
    [
      "RSS growth per 1000 calls: worker / simulator runtime, worker's dev proxy",
      `${f(growthPerThousand(r, worker))} / ${f(growthPerThousand(r, "simulator runtime workerd"))}, ${f(growthPerThousand(r, "worker proxy workerd"))} MiB`,
    ],
    ["SDK client errors outside calls", `${r.transport_onerror.count}`],
  ],
)}

${verdict}
${notes(r)}
Errors against the faults injected (\`GET /__sim/faults\`); "absorbed" are faults that did not
reach the caller as an error of their kind (a read the worker retried, or a delay within the
timeout):

${explanationTable(r)}

Per ${soak.setup.window_s} s window (latency of the calls that ended in it; memory and CPU of the worker's
runtime workerd process at the window's end; CPU in cores used over the window):

${windowTable(r)}
${examples ? `\nFirst error of each kind:\n\n${examples}\n` : ""}
${END}`;
}

/** Puts the section into BENCHMARKS.md in place of the previous one, or at the end. */
export async function rewriteSoakSection(file, soak) {
  const section = soakSection(soak);
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  await writeFormatted(file, next);
}
