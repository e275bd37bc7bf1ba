// "Where the time goes": the breakdown by subtraction, CPU per process, and findings stated
// from the run's numbers.
import { errorTotal, memoryGrowth } from "../lib/targets.mjs";
import { cpuTable, f, failed, table, x } from "./format.mjs";

export function whereSection(report) {
  const o = report.results.overhead;
  const cpu = report.results.cpu;
  const out = ["## Where the time goes"];
  if (!failed(o)) {
    const b = o.breakdown_median_ms;
    const rows = [
      [
        "runtime floor (`floor`)",
        f(b.floor),
        "client → wrangler's proxy workerd → the worker's runtime → 401",
      ],
      [
        "gate + Durable Object hop",
        f(b.gate_and_do_hop),
        "`do_hop − floor`: token hash, KV route (memoised), `stub.fetch` to the ServerObject, record check",
      ],
      [
        "MCP session + transport",
        f(b.mcp_session_and_transport),
        "`raw_ping − do_hop`: session lookup, SDK transport and JSON-RPC",
      ],
      [
        "tool engine without upstream",
        f(b.tool_engine_without_upstream),
        "`raw_call_invalid − raw_ping`: argument validation, audit row, result",
      ],
      [
        "upstream from the worker vs direct",
        f(b.upstream_from_worker_minus_direct),
        "`raw_call − raw_call_invalid − direct`: the worker's own eDesk request costs this much more than the client's",
      ],
      [
        "SDK client",
        f(b.sdk_client),
        "`call_json − raw_call`: the SDK client's parsing and output-schema validation",
      ],
      [
        "(spread over the parts above) gzip of the JSON response",
        f(b.gzip_of_json_response),
        "`raw_call − raw_call_identity`: the runtime compresses the ~5 KB JSON response, the client inflates it; SSE responses are not compressed",
      ],
      ["**total** (`call_json`)", f(b.total_call_json), `of which direct ${f(b.direct)}`],
    ];
    out.push(
      `Medians, by subtraction of the probes measured in the same rounds (section 1):\n\n${table(["part", "ms", "how"], rows)}`,
    );
  }
  if (!failed(cpu)) {
    out.push(
      `CPU per request by process (${cpu.count} sequential requests each):\n\n${cpuTable(cpu, ["floor", "direct", "do_hop", "raw_ping", "raw_call_invalid", "raw_call", "call_json", "call_sse", "call_legacy"])}`,
    );
  }
  out.push(findings(report));
  return out.join("\n\n") + "\n";
}

/** Findings stated from this run's numbers; the mechanism was checked in wrangler 4.86's source. */
function findings(report) {
  const r = report.results;
  const items = [];
  const cpu = r.cpu?.per_request_ms;
  const q = r.quiet;
  if (cpu?.floor && cpu.do_hop && cpu.raw_call) {
    const node = (n) => cpu[n]["worker wrangler node"] ?? 0;
    const proxy = (n) => cpu[n]["worker proxy workerd"] ?? 0;
    items.push(`**\`wrangler dev\`'s inspector is the largest single cost, and it exists only in local
   development.** The \`wrangler dev\` CLI always attaches a DevTools inspector to the worker and
   enables its \`Network\` domain (\`InspectorProxyWorker\`), so every subrequest the worker makes
   emits four \`Network.*\` events that the proxy workerd parses and posts to wrangler's Node
   process, which formats each and appends it to a debug log file (${f(report.setup.wrangler_debug_log_bytes / 2 ** 20, 0)} MiB
   during this run). A tool call makes two subrequests (the ServerObject \`stub.fetch\` and the
   eDesk request); the floor makes none. Measured here: wrangler's Node process spends
   ${f(node("floor"))} ms CPU per floor request, ${f(node("do_hop"))} ms per \`do_hop\` and ${f(node("raw_call"))} ms per tool
   call; the proxy workerd ${f(proxy("floor"))}, ${f(proxy("do_hop"))} and ${f(proxy("raw_call"))} ms. The direct request
   makes no such subrequest (the simulator reaches its Durable Object over RPC).`);
  }
  if (q && !failed(q.overhead) && !failed(r.overhead)) {
    const a = r.overhead;
    const b = q.overhead;
    items.push(`**With the inspector off** (same code and probes, workers started through wrangler's
   \`unstable_startWorker\` with \`inspector: false, watch: false\`): tool call ${f(b.summaries.call_json.median)} ms median
   (vs ${f(a.summaries.call_json.median)}), floor ${f(b.summaries.floor.median)} (vs ${f(a.summaries.floor.median)}), direct ${f(b.summaries.direct.median)} (vs
   ${f(a.summaries.direct.median)}), \`do_hop − floor\` ${f(b.breakdown_median_ms.gate_and_do_hop)} (vs ${f(a.breakdown_median_ms.gate_and_do_hop)}); the MCP layer's
   own cost falls from ${f(a.own_cost_ms.median)} to ${f(b.own_cost_ms.median)} ms median and its paired p99 from
   ${f(a.own_cost_paired_ms.p99)} to ${f(b.own_cost_paired_ms.p99)} ms.${q.cpu?.per_request_ms?.call_json && cpu?.call_json ? ` Total CPU per SDK tool call: ${f(q.cpu.per_request_ms.call_json.total)} ms vs ${f(cpu.call_json.total)} ms.` : ""}`);
  }
  if (!failed(r.overhead)) {
    const b = r.overhead.breakdown_median_ms;
    items.push(`**The MCP SDK client** adds ${f(b.sdk_client)} ms median per call over bare fetch (zod parsing
   of the result and, after \`tools/list\`, Ajv validation of \`structuredContent\` against the
   tool's output schema). That is the client's cost, not the server's, but a user pays it.`);
  }
  if (!failed(r.overhead)) {
    const t = r.overhead.transports;
    const b = r.overhead.breakdown_median_ms;
    items.push(`**JSON vs SSE responses.** Through the SDK client a call with an SSE response took
   ${f(t.sse.call.median)} ms median against ${f(t.json.call.median)} ms for a JSON response (${x(t.sse.ratio_to_json.median)}), and legacy SSE
   ${f(t.legacy.call.median)} ms (${x(t.legacy.ratio_to_json.median)}). The runtime gzips \`application/json\` responses for a
   client that accepts gzip (Node's fetch does) but streams \`text/event-stream\` uncompressed;
   compressing and inflating the ~5 KB result cost ${f(b.gzip_of_json_response)} ms here (\`raw_call − raw_call_identity\`).`);
  }
  if (!failed(r.tools_list)) {
    const a = r.tools_list.added_over_ping_ms;
    const size = r.tools_list.size.full;
    items.push(`**\`tools/list\` for the full catalog** is ${size ? f(size.http_body_bytes / 1024, 0) : "?"} KiB of JSON. Over a ping it
   adds ${f(a.raw_full.median)} ms with fetch's default \`Accept-Encoding: gzip\` (the runtime compresses the
   body and the client inflates it) and ${f(a.raw_full_identity?.median)} ms without compression; the
   read + tickets config adds ${f(a.raw_read_tickets.median)} ms. Through the SDK client the full list adds
   ${f(a.sdk_full.median)} ms (SDK ${report.machine.versions["@modelcontextprotocol/sdk"]}).`);
  }
  const size = r.tools_list?.size;
  if (!failed(r.tools_list) && size?.full) {
    const full = size.full;
    const small = size.read_tickets;
    const bound = full.bound_tokens ?? 10_000;
    const verdict = `${full.tokens_total <= bound ? "within" : "over"} the ${bound}-token bound`;
    const before = full.before
      ? ` Before it was made leaner (main ${full.before.commit}, ${full.before.measured}) it was
   ${full.before.tokens_total} tokens (${full.before.tools_json_bytes} bytes): now ${full.ratio_to_before}× that.`
      : "";
    const smallNote = small
      ? ` The read + tickets config lists ${small.tools} tools in ${small.tokens_total} tokens,
   ${small.tokens_per_tool_mean} per tool${small.tokens_per_tool_mean > full.tokens_per_tool_mean ? ": its tools are larger than the catalog's average" : ""}.`
      : "";
    items.push(`**Catalog size.** The full catalog's \`tools/list\` is ${full.tokens_total} tokens for ${full.tools} tools
   (${full.tools_json_bytes} bytes of tools JSON), ${full.tokens_per_tool_mean} per tool on average: ${verdict}.${before}
   The largest are ${full.largest_tools.map((t) => `\`${t.name}\` (${t.tokens})`).join(", ")}.${smallNote}`);
  }
  if (!failed(r.concurrency)) {
    const c = r.concurrency;
    const w = c.runs.worker_sdk[0]?.cpu_ms_per_call;
    const d = c.runs.direct[0]?.cpu_ms_per_call;
    if (w && d) {
      items.push(`**Concurrency is CPU-bound on ${report.machine.cores} cores.** Every process in the path shares them,
   so throughput follows total CPU per call: ${f(w.total)} ms through the worker (wrangler's Node
   ${f(w["worker wrangler node"])}, proxy workerd ${f(w["worker proxy workerd"])}, worker runtime ${f(w["worker runtime workerd"])}, simulator side
   ${f((w["simulator wrangler node"] ?? 0) + (w["simulator proxy workerd"] ?? 0) + (w["simulator runtime workerd"] ?? 0))}, client ${f(w["bench client (node)"])}) against ${f(d.total)} ms
   direct. The worker path has the simulator's whole cost inside it; CPU alone bounds the ratio at
   about ${f(d.total / w.total)} here${q && !failed(q.concurrency) ? `; with the inspector off the measured ratio was ${f(q.concurrency.ratio)}` : ""}.${
     c.ratio_raw_spread !== null && c.ratio_raw_spread !== undefined
       ? ` Spreading the same
   sessions over ${c.spread_servers} servers (${c.spread_servers} Durable Objects) gave ${f(c.throughput_per_s.worker_raw_spread, 1)} calls/s against ${f(c.throughput_per_s.worker_raw, 1)} on one
   (bare fetch, one run each). Every session of one MCP server is served by that server's one
   Durable Object${c.throughput_per_s.worker_raw_spread > 1.2 * c.throughput_per_s.worker_raw ? ", and at this load that object is a bottleneck" : "; at this load that object is not what limits throughput"}.`
       : ""
   }`);
    }
    if (errorTotal(c.errors) > 0) items.push(errorFinding(c));
  }
  const ceiling = (cpuResult) => {
    const per = cpuResult?.per_request_ms;
    return per?.floor && per.direct
      ? per.direct.total / (per.direct.total + per.floor.total)
      : null;
  };
  if (ceiling(r.cpu) !== null) {
    items.push(`**The concurrency ratio has a ceiling below 1 even for a free MCP layer.** On one
   machine the worker path holds the whole direct request plus one more HTTP request into a
   worker (client, proxy hop, runtime entry): the floor. From the CPU table, direct costs
   ${f(r.cpu.per_request_ms.direct.total)} ms of CPU and the floor ${f(r.cpu.per_request_ms.floor.total)}, so a worker that did nothing would reach a
   ratio of about ${f(ceiling(r.cpu))}${ceiling(q?.cpu) !== null ? ` (${f(ceiling(q.cpu))} with the inspector off)` : ""}; the target of 0.5 leaves the MCP layer
   almost nothing. On Cloudflare, eDesk's latency and the client are not on the worker's CPU.`);
  }
  const mm = memoryGrowth(r.concurrency);
  const mq = memoryGrowth(q?.concurrency);
  const heap = !failed(r.heap) ? r.heap.samples : null;
  if ((mm !== null || mq !== null) && heap?.length > 1) {
    const first = heap[0];
    const last = heap[heap.length - 1];
    const grown = (label) => memoryGrowth(mm !== null ? r.concurrency : q.concurrency, label);
    items.push(`**Memory.** From the first to the last concurrency run the worker's runtime workerd grew
   ${mm !== null ? `${f(mm, 1)} MiB of RSS under \`wrangler dev\`` : ""}${mm !== null && mq !== null ? " and " : ""}${mq !== null ? `${f(mq, 1)} MiB with the inspector off` : ""}. The JS heap
   check shows what the product's code keeps: after ${last.calls} tool calls and ${last.floors} 401s on open sessions the
   isolate's heap after a full collection was ${f(last.heap_mib, 1)} MiB against ${f(first.heap_mib, 1)} MiB at the start, while the same
   process's RSS went from ${f(first.runtime_rss_mib, 1)} to ${f(last.runtime_rss_mib, 1)} MiB: ${f(r.heap.rss_mib_per_1000.calls, 1)} MiB per 1000 tool calls and
   ${f(r.heap.rss_mib_per_1000.control, 1)} MiB per 1000 401s, which run no MCP code. Processes that run none of this project's
   code grow alike: wrangler's proxy workerd in front of the worker ${f(grown("worker proxy workerd"), 1)} MiB, the simulator's
   runtime ${f(grown("simulator runtime workerd"), 1)} MiB over the same runs. The JS heap stays flat, so what grows
   is native memory, and the runtime grows even for 401s, which touch no MCP code and no Durable
   Object; a tool call, which adds a Durable Object request and an eDesk request, grows it more.
   Which part of the local runtime holds it is not attributed yet.`);
  }
  if (!items.length) return "";
  return `### Findings\n\n${items.map((item, i) => `${i + 1}. ${item}`).join("\n")}`;
}

/** What the concurrency errors were, with what the known messages mean. */
function errorFinding(c) {
  const messages = Object.values(c.runs)
    .flat()
    .flatMap((run) => [run.first_error, run.first_setup_error])
    .filter(Boolean);
  const workerRuns = Object.entries(c.runs).filter(([path]) => path !== "direct");
  const calls = workerRuns.flatMap(([, runs]) => runs).length * c.sessions * c.calls_per_session;
  const failedCalls = Object.values(c.errors).reduce((a, b) => a + b, 0) - c.errors.direct;
  const notes = [];
  if (messages.some((m) => m.includes("Could not reach eDesk"))) {
    notes.push(`"Could not reach eDesk (network error …)" is the worker's own \`fetch\` to the
   simulator rejecting at the socket level inside the local chain (worker runtime → the
   simulator's wrangler proxy → its runtime); the tool engine never retries
   (\`src/engine/tools/execute.ts\`), so the caller gets the documented \`isError\` result.`);
  }
  if (messages.some((m) => m.includes("restarted mid-request"))) {
    notes.push(`"Your worker restarted mid-request" is wrangler's dev \`ProxyWorker\` answering 503 to
   a POST whose forwarding fetch to the worker's runtime failed while the proxy had no current
   runtime address, which it reads as a reload (wrangler 4.86
   \`templates/startDevWorker/ProxyWorker.ts\`): a failure in the dev proxy hop, not an answer of
   the worker.`);
  }
  return `**Errors under load.** ${failedCalls} of ${calls} concurrent calls through the worker failed
   (first messages: ${[...new Set(messages)].map((m) => `"${m}"`).join("; ")}). ${notes.join(" ")} The
   direct path had ${c.errors.direct}.`;
}
