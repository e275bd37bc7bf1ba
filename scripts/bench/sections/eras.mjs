// Section 8: one tool call in each protocol era, against a minimal peer built the way
// Cloudflare recommends (scripts/bench/peer: `createMcpHandler`, an SDK v2 server per request,
// no Durable Object) and against the 2025 path of the commit before the modern era, all on one
// quiet stack in one run. Also the question of the 2025 era: sessionful (as served) or
// stateless (as the peer serves it).
import { getExpect, ModernCaller, RawSession, StatelessCaller } from "../lib/clients.mjs";
import { cpuPerOp, cpuSnapshot, stackProcesses } from "../lib/procs.mjs";
import { loadavg } from "node:os";
import { ms, ratio, roundRobin, summarize } from "../lib/stats.mjs";
import { TICKET_ID, TOOL } from "./overhead.mjs";

export const ERA_LABELS = {
  modern: "2026-07-28 tools/call (stateless, per-request SDK v2 server in the ServerObject)",
  legacy_json: "2025-11-25 tools/call in an open session, JSON answer",
  legacy_sse: "2025-11-25 tools/call in an open session, SSE answer",
  baseline_json: "2025-11-25 tools/call in an open session, JSON answer, baseline commit",
  baseline_modern: "2026-07-28 tools/call, baseline commit (when it serves 2026-07-28)",
  peer_modern: "peer: 2026-07-28 tools/call",
  peer_stateless: "peer: 2025-11-25 tools/call, stateless (no session; SSE, its only answer form)",
  direct: "GET /v1/tickets/1409923 straight to the simulator",
  floor: "GET /api/integrated-account without auth → 401 (runtime floor)",
  do_hop: "PUT /mcp/<token> → 405 from the ServerObject (gate + Durable Object hop)",
  peer_floor: "peer: GET /health → 404 (the peer's runtime floor)",
};

const ARGS = { id: TICKET_ID };

const checkTicket = (result) => {
  if (result?.structuredContent?.id !== TICKET_ID) throw new Error("wrong ticket in result");
};

/** Every variant as `{name, run}` plus a `close()`; `baseline` only with a baseline server. */
async function openVariants({ stack, server, baselineServer, apiToken }) {
  const legacyJson = new RawSession(server.url);
  const legacySse = new RawSession(server.url, { accept: "text/event-stream, application/json" });
  await legacyJson.initialize();
  await legacySse.initialize();
  const modern = new ModernCaller(server.url);
  const peerModern = new ModernCaller(`${stack.peerUrl}/mcp`);
  const peerStateless = new StatelessCaller(`${stack.peerUrl}/mcp`);
  const call = (client) => async () =>
    checkTicket(await client.request("tools/call", { name: TOOL, arguments: ARGS }));
  const variants = [
    { name: "modern", run: call(modern) },
    { name: "legacy_json", run: call(legacyJson) },
    { name: "legacy_sse", run: call(legacySse) },
    { name: "peer_modern", run: call(peerModern) },
    { name: "peer_stateless", run: call(peerStateless) },
    {
      name: "direct",
      run: async () => {
        const url = `${stack.simulatorUrl}/v1/tickets/${TICKET_ID}`;
        const body = await getExpect(url, 200, { authorization: `Bearer ${apiToken}` });
        if (JSON.parse(body).data?.id !== TICKET_ID) throw new Error("wrong ticket from eDesk");
      },
    },
    { name: "floor", run: () => getExpect(`${stack.workerUrl}/api/integrated-account`, 401) },
    { name: "do_hop", run: () => getExpect(server.url, 405, {}, "PUT") },
    { name: "peer_floor", run: () => getExpect(`${stack.peerUrl}/health`, 404) },
  ];
  const sessions = [legacyJson, legacySse];
  if (baselineServer) {
    const baseline = new RawSession(baselineServer.url);
    await baseline.initialize();
    sessions.push(baseline);
    variants.push({ name: "baseline_json", run: call(baseline) });
    // A baseline that already serves 2026-07-28 (BENCH_BASELINE) is the "before" of a change
    // to the modern path, measured under the same load as the "after".
    const baselineModern = new ModernCaller(baselineServer.url);
    const serves = await baselineModern.request("server/discover").then(
      () => true,
      () => false,
    );
    if (serves) variants.push({ name: "baseline_modern", run: call(baselineModern) });
  }
  // The modern client's first request of each server type: discover, as clients do.
  await modern.request("server/discover");
  await peerModern.request("server/discover");
  return { variants, close: () => Promise.all(sessions.map((s) => s.close())) };
}

/** median and p99 of a / b, from the two summaries. */
const ratios = (s, a, b) =>
  s[a] && s[b]
    ? { median: ratio(s[a].median, s[b].median), p99: ratio(s[a].p99, s[b].p99) }
    : undefined;

/** Per round, a / b of two variants that ran back to back: the median of those ratios. */
function pairedMedian(samples, a, b) {
  const n = Math.min(samples[a]?.length ?? 0, samples[b]?.length ?? 0);
  const each = [];
  for (let i = 0; i < n; i++) each.push(samples[a][i] / samples[b][i]);
  return n ? ms(summarize(each).median) : null;
}

/** CPU milliseconds per call of every process of the stack, `count` sequential calls each. */
async function cpuPerVariant(stack, variants, count) {
  const processes = stackProcesses(stack);
  const out = {};
  for (const variant of variants) {
    for (let i = 0; i < 10; i++) await variant.run();
    const before = cpuSnapshot(processes);
    const t = performance.now();
    for (let i = 0; i < count; i++) await variant.run();
    out[variant.name] = {
      ...cpuPerOp(before, cpuSnapshot(processes), count),
      wall_ms_per_op: ms((performance.now() - t) / count),
    };
  }
  return out;
}

export async function runEras({
  stack,
  server,
  baselineServer,
  baselineCommit,
  apiToken,
  warmup,
  rounds,
  cpuCount,
  deadline,
}) {
  const open = await openVariants({ stack, server, baselineServer, apiToken });
  const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
  const loadAtStart = load();
  let out;
  let cpu;
  try {
    out = await roundRobin(open.variants, { warmup, rounds, deadline });
    const cpuVariants = open.variants.filter(
      (v) => !["floor", "do_hop", "peer_floor"].includes(v.name),
    );
    cpu = await cpuPerVariant(stack, cpuVariants, cpuCount);
  } finally {
    await open.close();
  }
  const s = Object.fromEntries(Object.entries(out.samples).map(([k, v]) => [k, summarize(v)]));
  const cpuRatio = (a, b) => (cpu[a] && cpu[b] ? ratio(cpu[a].total, cpu[b].total) : undefined);
  const pair = (a, b) => ({
    ...ratios(s, a, b),
    paired_median: pairedMedian(out.samples, a, b),
    cpu: cpuRatio(a, b),
  });
  const med = (name) => s[name]?.median;
  return {
    tool: TOOL,
    ticket_id: TICKET_ID,
    load_average: { at_start: loadAtStart, at_end: load() },
    // What each server adds over its own runtime floor, medians: ours behind its gate and
    // Durable Object hop, the peer behind nothing.
    beyond_floor_ms: {
      modern_minus_do_hop: ms(med("modern") - med("do_hop")),
      legacy_json_minus_do_hop: ms(med("legacy_json") - med("do_hop")),
      peer_modern_minus_peer_floor: ms(med("peer_modern") - med("peer_floor")),
      peer_stateless_minus_peer_floor: ms(med("peer_stateless") - med("peer_floor")),
      do_hop_minus_floor: ms(med("do_hop") - med("floor")),
    },
    warmup,
    rounds: out.rounds,
    errors: out.errors,
    first_error: out.firstError,
    baseline_commit: baselineServer ? baselineCommit : null,
    summaries: s,
    cpu_per_call_ms: cpu,
    cpu_count: cpuCount,
    ratios: {
      modern_vs_peer: pair("modern", "peer_modern"),
      modern_vs_2025: pair("modern", "legacy_json"),
      legacy_vs_baseline: baselineServer ? pair("legacy_json", "baseline_json") : null,
      modern_vs_baseline_modern: s.baseline_modern ? pair("modern", "baseline_modern") : null,
      baseline_modern_vs_peer: s.baseline_modern ? pair("baseline_modern", "peer_modern") : null,
      sessionful_sse_vs_peer_stateless: pair("legacy_sse", "peer_stateless"),
      sessionful_json_vs_peer_stateless: pair("legacy_json", "peer_stateless"),
      peer_stateless_vs_peer_modern: pair("peer_stateless", "peer_modern"),
    },
  };
}
