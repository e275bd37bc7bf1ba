// Section 2: tools/list latency (full catalog and a read+tickets config), cold and warm, against
// a ping in the same session; and the size of the full catalog's tools/list in bytes and tokens.
import { createDemoServer } from "../../dev-stack.mjs";
import { closeSdk, connectSdk, RawSession } from "../lib/clients.mjs";
import { ms, ratio, roundRobin, summarize, timed } from "../lib/stats.mjs";

export const CONFIGS = {
  full: {},
  read_tickets: { methods: ["read"], tags: ["tickets"] },
};

/** ≈ tokens: characters / 4, the usual rule of thumb for English-and-JSON text. */
const tokensOf = (text) => Math.round(text.length / 4);

/** The bound on the full catalog's tools/list (test/unit/tools/list-size.test.ts holds it too). */
export const FULL_LIST_TOKEN_BOUND = 10_000;

/**
 * The full catalog's tools/list before it was made leaner, measured once with `catalogSize` on
 * main at commit 3510039 (2026-12-05, CATALOG_VERSION 7): every later run is compared with it.
 */
export const FULL_LIST_BEFORE = {
  measured: "2026-12-05",
  commit: "3510039",
  tools: 42,
  tools_json_bytes: 58_750,
  tokens_total: 14_688,
};

/** The full catalog's size against the baseline above and the bound. */
function againstBaseline(size) {
  return {
    ...size,
    bound_tokens: FULL_LIST_TOKEN_BOUND,
    before: FULL_LIST_BEFORE,
    ratio_to_before: Math.round((size.tokens_total / FULL_LIST_BEFORE.tokens_total) * 100) / 100,
  };
}

/** Bytes and tokens of one tools/list result, in total and per tool. */
export function catalogSize(tools, httpBodyBytes) {
  const json = JSON.stringify(tools);
  const perTool = tools
    .map((tool) => ({ name: tool.name, chars: JSON.stringify(tool).length }))
    .sort((a, b) => b.chars - a.chars);
  return {
    tools: tools.length,
    http_body_bytes: httpBodyBytes,
    tools_json_bytes: Buffer.byteLength(json),
    tokens_total: tokensOf(json),
    tokens_per_tool_mean: Math.round(tokensOf(json) / tools.length),
    tokens_per_tool_max: Math.round(perTool[0].chars / 4),
    largest_tools: perTool
      .slice(0, 3)
      .map((t) => ({ name: t.name, tokens: Math.round(t.chars / 4) })),
  };
}

/**
 * First request after a server's creation: a new server per sample, then a fresh session on it
 * (initialize + initialized), its first tools/list, a second one and a ping. Configs alternate.
 */
export async function runColdLists({ stack, apiToken, samples }) {
  const rows = {};
  for (let i = 0; i < samples; i++) {
    for (const [label, config] of Object.entries(CONFIGS)) {
      const { server } = await createDemoServer(stack, {
        unguarded: true,
        apiToken,
        name: `bench cold ${label} ${i}`,
        config,
      });
      const session = new RawSession(server.url);
      const row = (rows[label] ??= { initialize: [], first_list: [], second_list: [], ping: [] });
      row.initialize.push((await timed(() => session.initialize())).ms);
      row.first_list.push((await timed(() => session.request("tools/list"))).ms);
      row.second_list.push((await timed(() => session.request("tools/list"))).ms);
      row.ping.push((await timed(() => session.request("ping"))).ms);
      await session.close();
    }
  }
  return Object.fromEntries(
    Object.entries(rows).map(([label, row]) => [
      label,
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, summarize(v)])),
    ]),
  );
}

/**
 * The first requests a freshly started worker serves (after `wrangler dev` restarted): one
 * sample per config, servers created before the restart. Nothing MCP-related ran in this
 * isolate yet, and the servers' Durable Objects are not in memory.
 */
export async function runTrueCold({ servers, ticketTool, ticketId }) {
  const out = {};
  for (const [label, server] of Object.entries(servers)) {
    const session = new RawSession(server.url);
    const row = {};
    row.initialize = ms((await timed(() => session.initialize())).ms);
    row.first_list = ms((await timed(() => session.request("tools/list"))).ms);
    row.second_list = ms((await timed(() => session.request("tools/list"))).ms);
    row.ping = ms((await timed(() => session.request("ping"))).ms);
    if (ticketTool) {
      const args = { name: ticketTool, arguments: { id: ticketId } };
      row.first_call = ms((await timed(() => session.request("tools/call", args))).ms);
      row.second_call = ms((await timed(() => session.request("tools/call", args))).ms);
    }
    await session.close();
    out[label] = row;
  }
  return out;
}

/** Warm tools/list for both configs against a ping, raw (server + wire) and through the SDK. */
export async function runWarmLists({ servers, warmup, rounds, deadline }) {
  const raw = {};
  const sdk = {};
  for (const [label, server] of Object.entries(servers)) {
    raw[label] = new RawSession(server.url);
    await raw[label].initialize();
    sdk[label] = await connectSdk(server.url, "json");
  }
  // The runtime gzips JSON for a client that accepts it (fetch does by default): the same
  // session without compression shows what that costs on 55 KB.
  const identity = new RawSession(servers.full.url, { encoding: "identity" });
  await identity.initialize();
  let fullTools;
  let fullBytes = 0;
  let readTools;
  const variants = [
    {
      name: "raw_list_full",
      run: async () => {
        fullTools = (await raw.full.request("tools/list")).tools;
        fullBytes = raw.full.lastBytes;
      },
    },
    {
      name: "raw_list_read_tickets",
      run: async () => {
        readTools = (await raw.read_tickets.request("tools/list")).tools;
      },
    },
    { name: "raw_ping", run: () => raw.full.request("ping") },
    { name: "raw_list_full_identity", run: () => identity.request("tools/list") },
    { name: "raw_ping_identity", run: () => identity.request("ping") },
    { name: "sdk_list_full", run: () => sdk.full.listTools() },
    { name: "sdk_list_read_tickets", run: () => sdk.read_tickets.listTools() },
    { name: "sdk_ping", run: () => sdk.full.ping() },
  ];
  const out = await roundRobin(variants, { warmup, rounds, deadline });
  await Promise.all([
    ...[...Object.values(raw), identity].map((r) => r.close()),
    ...Object.values(sdk).map(closeSdk),
  ]);

  const s = Object.fromEntries(Object.entries(out.samples).map(([k, v]) => [k, summarize(v)]));
  const added = (list, ping) => ({
    median: ms(s[list].median - s[ping].median),
    p99: ms(s[list].p99 - s[ping].p99),
    ratio_median: ratio(s[list].median, s[ping].median),
  });
  return {
    warmup,
    rounds: out.rounds,
    errors: out.errors,
    first_error: out.firstError,
    summaries: s,
    added_over_ping_ms: {
      raw_full: added("raw_list_full", "raw_ping"),
      raw_read_tickets: added("raw_list_read_tickets", "raw_ping"),
      raw_full_identity: added("raw_list_full_identity", "raw_ping_identity"),
      sdk_full: added("sdk_list_full", "sdk_ping"),
      sdk_read_tickets: added("sdk_list_read_tickets", "sdk_ping"),
    },
    size: {
      full: fullTools ? againstBaseline(catalogSize(fullTools, fullBytes)) : null,
      read_tickets: readTools ? catalogSize(readTools, null) : null,
    },
  };
}
