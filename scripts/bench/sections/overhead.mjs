// Sections 1 and 5: what one tool call costs through the MCP endpoint, against the same eDesk
// request sent straight to the simulator and the cheapest request the worker answers, over
// every transport; plus probes that split the MCP layer's own cost into its parts, and the CPU
// time each process of the stack spends per request.
import { closeSdk, connectSdk, getExpect, RawSession, sdkCall } from "../lib/clients.mjs";
import { cpuPerOp, cpuSnapshot, stackProcesses } from "../lib/procs.mjs";
import { ms, ratio, roundRobin, summarize } from "../lib/stats.mjs";

export const TICKET_ID = 1409923;
export const TOOL = "get_single_e_desk_ticket_by_id";

/** What each variant is, for the report. */
export const VARIANT_LABELS = {
  call_json: "tools/call, SDK client, Streamable HTTP, JSON response",
  call_sse: "tools/call, SDK client, Streamable HTTP, SSE response",
  call_legacy: "tools/call, SDK client, legacy HTTP+SSE",
  direct: "GET /v1/tickets/1409923 straight to the simulator",
  floor: "GET /api/integrated-account without auth → 401 (runtime floor)",
  do_hop: "PUT /mcp/<token> → 405 from the ServerObject (gate + Durable Object hop)",
  raw_ping: "ping, bare fetch, Streamable HTTP JSON",
  raw_call_invalid:
    "tools/call with invalid arguments (isError before any eDesk request), bare fetch",
  raw_call: "tools/call, bare fetch, Streamable HTTP JSON",
  raw_call_identity: "tools/call, bare fetch, Streamable HTTP JSON, `Accept-Encoding: identity`",
  ping_json: "ping, SDK client, Streamable HTTP JSON",
  ping_sse: "ping, SDK client, Streamable HTTP SSE",
  ping_legacy: "ping, SDK client, legacy HTTP+SSE",
};

/** Opens the sessions and returns every variant as `{name, run}` plus a `close()`. */
export async function openVariants({ stack, server, apiToken }) {
  const ticketUrl = `${stack.simulatorUrl}/v1/tickets/${TICKET_ID}`;
  const floorUrl = `${stack.workerUrl}/api/integrated-account`;
  const auth = { authorization: `Bearer ${apiToken}` };
  const args = { id: TICKET_ID };

  const sdk = {};
  for (const kind of ["json", "sse", "legacy"]) {
    sdk[kind] = await connectSdk(server.url, kind);
    await sdk[kind].listTools(); // what an agent does first; enables the SDK's output validation
  }
  const raw = new RawSession(server.url);
  await raw.initialize();
  // The runtime gzips JSON responses for clients that accept gzip (fetch's default) but not SSE
  // streams; this session turns compression off to show its share.
  const identity = new RawSession(server.url, { encoding: "identity" });
  await identity.initialize();

  const checkTicket = (result) => {
    if (result.structuredContent?.id !== TICKET_ID) throw new Error("wrong ticket in result");
  };
  const variants = [
    { name: "call_json", run: async () => checkTicket(await sdkCall(sdk.json, TOOL, args)) },
    { name: "call_sse", run: async () => checkTicket(await sdkCall(sdk.sse, TOOL, args)) },
    { name: "call_legacy", run: async () => checkTicket(await sdkCall(sdk.legacy, TOOL, args)) },
    {
      name: "direct",
      run: async () => {
        if (JSON.parse(await getExpect(ticketUrl, 200, auth)).data?.id !== TICKET_ID)
          throw new Error("wrong ticket from the simulator");
      },
    },
    { name: "floor", run: () => getExpect(floorUrl, 401) },
    { name: "do_hop", run: () => getExpect(server.url, 405, {}, "PUT") },
    { name: "raw_ping", run: () => raw.request("ping") },
    {
      name: "raw_call_invalid",
      run: async () => {
        const params = { name: TOOL, arguments: { id: "not-a-number" } };
        const result = await raw.request("tools/call", params, { allowError: true });
        if (!result.isError) throw new Error("invalid arguments were accepted");
      },
    },
    {
      name: "raw_call",
      run: async () =>
        checkTicket(await raw.request("tools/call", { name: TOOL, arguments: args })),
    },
    {
      name: "raw_call_identity",
      run: async () =>
        checkTicket(await identity.request("tools/call", { name: TOOL, arguments: args })),
    },
    { name: "ping_json", run: () => sdk.json.ping() },
    { name: "ping_sse", run: () => sdk.sse.ping() },
    { name: "ping_legacy", run: () => sdk.legacy.ping() },
  ];
  return {
    variants,
    transportErrors: (since) =>
      Object.fromEntries(
        Object.entries(sdk).map(([kind, client]) => [
          kind,
          client.transportErrors.map((e) => ({ ...e, at: Math.round(e.at - since) })),
        ]),
      ),
    close: () => Promise.all([...Object.values(sdk).map(closeSdk), raw.close(), identity.close()]),
  };
}

export async function runOverhead({ stack, server, apiToken, warmup, rounds, deadline }) {
  const open = await openVariants({ stack, server, apiToken });
  const started = performance.now();
  let out;
  let transportErrors;
  try {
    out = await roundRobin(open.variants, { warmup, rounds, deadline });
    transportErrors = open.transportErrors(started); // before close: closing aborts streams
  } finally {
    await open.close();
  }
  const wallMs = performance.now() - started;

  const s = Object.fromEntries(Object.entries(out.samples).map(([k, v]) => [k, summarize(v)]));
  const at = (name, q) => s[name][q];
  const base = (q) => at("direct", q) + at("floor", q);
  const own = (name, q) => ms(at(name, q) - base(q));

  const transports = {};
  for (const kind of ["json", "sse", "legacy"]) {
    const name = `call_${kind}`;
    transports[kind] = {
      call: s[name],
      ping: s[`ping_${kind}`],
      own_cost_ms: { median: own(name, "median"), p99: own(name, "p99") },
      ratio_to_direct_plus_floor: {
        median: ratio(at(name, "median"), base("median")),
        p99: ratio(at(name, "p99"), base("p99")),
      },
      ratio_to_json: {
        median: ratio(at(name, "median"), at("call_json", "median")),
        p99: ratio(at(name, "p99"), at("call_json", "p99")),
      },
    };
  }

  // Paired view: per round, call − direct − floor (the three ran back to back in that round).
  const paired = [];
  const n = Math.min(...["call_json", "direct", "floor"].map((k) => out.samples[k].length));
  for (let i = 0; i < n; i++) {
    paired.push(out.samples.call_json[i] - out.samples.direct[i] - out.samples.floor[i]);
  }

  const med = (name) => at(name, "median");
  const breakdown = {
    floor: med("floor"),
    gate_and_do_hop: ms(med("do_hop") - med("floor")),
    mcp_session_and_transport: ms(med("raw_ping") - med("do_hop")),
    tool_engine_without_upstream: ms(med("raw_call_invalid") - med("raw_ping")),
    upstream_from_worker_minus_direct: ms(
      med("raw_call") - med("raw_call_invalid") - med("direct"),
    ),
    sdk_client: ms(med("call_json") - med("raw_call")),
    gzip_of_json_response: ms(med("raw_call") - med("raw_call_identity")),
    direct: med("direct"),
    total_call_json: med("call_json"),
  };

  return {
    ticket_id: TICKET_ID,
    tool: TOOL,
    warmup,
    rounds: out.rounds,
    wall_ms: ms(wallMs, 0),
    errors: out.errors,
    first_error: out.firstError,
    transport_errors: transportErrors,
    summaries: s,
    transports,
    own_cost_ms: transports.json.own_cost_ms,
    own_cost_paired_ms: summarize(paired),
    raw_own_cost_ms: { median: own("raw_call", "median"), p99: own("raw_call", "p99") },
    breakdown_median_ms: breakdown,
  };
}

/**
 * CPU milliseconds per request in each process of the stack, per variant: `count` sequential
 * requests of one variant at a time (not interleaved, so the CPU is attributable).
 */
export async function runCpu({ stack, server, apiToken, count, names }) {
  const open = await openVariants({ stack, server, apiToken });
  const processes = stackProcesses(stack);
  const out = {};
  let errors = 0;
  try {
    for (const variant of open.variants.filter((v) => names.includes(v.name))) {
      for (let i = 0; i < 10; i++) await variant.run();
      const before = cpuSnapshot(processes);
      const t = performance.now();
      for (let i = 0; i < count; i++) {
        try {
          await variant.run();
        } catch {
          errors++;
        }
      }
      const wall = performance.now() - t;
      out[variant.name] = {
        ...cpuPerOp(before, cpuSnapshot(processes), count),
        wall_ms_per_op: ms(wall / count),
      };
    }
  } finally {
    await open.close();
  }
  return { count, errors, processes: processes.map((p) => p.label), per_request_ms: out };
}
