import { asciiJunk } from "./mcp-request";
import {
  CAPABILITIES_KEY,
  envelope,
  INFO_KEY,
  INVALID_PARAMS,
  INVALID_REQUEST,
  MISMATCH,
  MODERN,
  modernHeaders,
  modernPost,
  modernRequest,
  NO_META,
  OK,
  replaceHeader,
  UNSUPPORTED,
  VERSION_KEY,
  type Message,
  type ModernContext,
} from "./modern-request";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import { jsonValue, plainString, weirdString } from "./values";

// The per-request envelope and the standard headers: every way the spec lets a request fail
// before any method runs. Each fault rides on a valid call of a real tool, so a fault that
// slipped through would reach eDesk, and the upstream watch would see it.

/** A request whose fault is set by a case; `tools/call` reaches eDesk when nothing refuses it. */
function baseMessage(rng: Rng, ctx: ModernContext, id: number, meta: unknown): Message {
  const method = rng.pick(["server/discover", "tools/list", "tools/call"]);
  if (method !== "tools/call") return modernRequest(id, method, {}, meta);
  const tool = ctx.tools.find((t) => t.name === "list_all_e_desk_users") ?? ctx.tools[0]!;
  return modernRequest(id, method, { name: tool.name, arguments: { limit: 1 } }, meta);
}

const without = (key: string) => {
  const meta = envelope();
  delete meta[key];
  return meta;
};

/** One envelope fault: the `_meta` to send, the header version (null: none), the answer. */
type EnvelopeFault = [label: string, meta: unknown, header: string | null, expect: Expectation];

function envelopeFault(rng: Rng): EnvelopeFault {
  const unsupported = rng.pick([
    "2099-01-01",
    "2026-07-27",
    "2025-11-25",
    "2025-06-18",
    "2024-11-05",
    "1999-01-01",
    "2026-07-28x",
    asciiJunk(rng, 12),
  ]);
  const badCapabilities = rng.pick<unknown>([
    null,
    [],
    "all",
    { sampling: [] },
    { roots: { listChanged: "yes" } },
    { experimental: 5 },
    { experimental: { x: 1 } },
  ]);
  const oddCapabilities = rng.pick<unknown>([
    { elicitation: { form: {} } },
    { experimental: { [plainString(rng, 6)]: {} } },
    { [`x-${plainString(rng, 6)}`]: jsonValue(rng) },
  ]);
  const badInfo = rng.pick<unknown>([{}, { name: "x" }, { name: 5, version: "1" }, null, "x", []]);
  const claimed = rng.pick([MODERN, unsupported]);
  const otherHeader = rng.pick(
    ["2025-11-25", "2099-01-01", "", asciiJunk(rng, 10)].filter((h) => h !== claimed),
  );
  return rng.byWeight<EnvelopeFault>([
    [4, ["no _meta", NO_META, MODERN, INVALID_PARAMS]],
    [3, ["empty _meta", {}, MODERN, INVALID_PARAMS]],
    [4, ["no version key", without(VERSION_KEY), MODERN, INVALID_PARAMS]],
    [3, ["no capabilities key", without(CAPABILITIES_KEY), MODERN, INVALID_PARAMS]],
    [2, ["no clientInfo (optional)", without(INFO_KEY), MODERN, OK]],
    [
      4,
      [
        "version not a string",
        envelope(rng.pick([20260728, null, [MODERN], { v: MODERN }, true])),
        MODERN,
        INVALID_PARAMS,
      ],
    ],
    [
      6,
      [
        `unsupported ${unsupported}, header agrees`,
        envelope(unsupported),
        unsupported,
        UNSUPPORTED,
      ],
    ],
    [4, ["unsupported weird version, no header", envelope(weirdString(rng, 4)), null, UNSUPPORTED]],
    [5, ["version differs from the header", envelope(claimed), otherHeader, MISMATCH]],
    [4, ["no MCP-Protocol-Version header", envelope(), null, MISMATCH]],
    [2, ["header padded with blanks", envelope(), ` ${MODERN}\t`, OK]],
    [3, ["bad clientInfo", { ...envelope(), [INFO_KEY]: badInfo }, MODERN, INVALID_PARAMS]],
    [
      3,
      [
        "bad capabilities",
        { ...envelope(), [CAPABILITIES_KEY]: badCapabilities },
        MODERN,
        INVALID_PARAMS,
      ],
    ],
    [
      2,
      [
        "odd but valid capabilities",
        { ...envelope(), [CAPABILITIES_KEY]: oddCapabilities },
        MODERN,
        OK,
      ],
    ],
    [
      2,
      [
        "extra _meta keys",
        { ...envelope(), [`x-${plainString(rng, 8)}`]: jsonValue(rng) },
        MODERN,
        OK,
      ],
    ],
    [3, ["_meta not an object", rng.pick<unknown>(["x", 5, [], true]), MODERN, INVALID_REQUEST]],
    [
      1,
      [
        "progressToken an object",
        { ...envelope(), progressToken: { a: 1 } },
        MODERN,
        INVALID_REQUEST,
      ],
    ],
    [
      1,
      [
        "unknown log level",
        { ...envelope(), "io.modelcontextprotocol/logLevel": "loud" },
        MODERN,
        INVALID_PARAMS,
      ],
    ],
  ]);
}

/** A request whose `_meta` envelope or MCP-Protocol-Version header is wrong, missing or odd. */
export function envelopeCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const [label, meta, header, expect] = envelopeFault(rng);
  const message = baseMessage(rng, ctx, index, meta);
  const headers = replaceHeader(modernHeaders(message), "mcp-protocol-version", header);
  return {
    family: "envelope",
    describe: `${label}: ${message.method} _meta=${meta === NO_META ? "none" : brief(meta, 100)} header=${brief(header, 40)}`,
    request: modernPost(ctx.main.url, message, headers, rng),
    expect,
    noUpstream: expect !== OK,
  };
}

const KNOWN_METHODS = ["server/discover", "tools/list", "tools/call", "subscriptions/listen"];

/** A standard header (Mcp-Method, Mcp-Name) that disagrees with the body, or agrees oddly. */
export function headerMismatchCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const message = baseMessage(rng, ctx, index, envelope());
  const { method } = message;
  const name = typeof message.params?.name === "string" ? message.params.name : undefined;
  const faults: [string, string, string | null, Expectation][] = [
    ["Mcp-Method missing", "mcp-method", null, MISMATCH],
    [
      "Mcp-Method names another method",
      "mcp-method",
      rng.pick(KNOWN_METHODS.filter((m) => m !== method)),
      MISMATCH,
    ],
    ["Mcp-Method upper-cased", "mcp-method", method.toUpperCase(), MISMATCH],
    ["Mcp-Method junk", "mcp-method", asciiJunk(rng, rng.int(1, 40)), MISMATCH],
    ["Mcp-Method empty", "mcp-method", "", MISMATCH],
    ["Mcp-Method twice", "mcp-method", `${method}, ${method}`, MISMATCH],
    ["Mcp-Method padded with blanks", "mcp-method", ` ${method} `, OK],
  ];
  if (name !== undefined) {
    faults.push(
      ["Mcp-Name missing", "mcp-name", null, MISMATCH],
      [
        "Mcp-Name names another tool",
        "mcp-name",
        rng.pick(ctx.tools.filter((t) => t.name !== name)).name,
        MISMATCH,
      ],
      ["Mcp-Name upper-cased", "mcp-name", name.toUpperCase(), MISMATCH],
      ["Mcp-Name empty", "mcp-name", "", MISMATCH],
      [
        "Mcp-Name with a broken Base64 sentinel",
        "mcp-name",
        rng.pick(["=?base64?###?=", "=?base64?=", "=?base64?YQ?="]),
        MISMATCH,
      ],
      ["Mcp-Name in the Base64 sentinel", "mcp-name", `=?base64?${btoa(name)}?=`, OK],
    );
  } else {
    faults.push(["Mcp-Name on a method without a name", "mcp-name", asciiJunk(rng, 20), OK]);
  }
  const [label, header, value, expect] = rng.pick(faults);
  return {
    family: "standard headers",
    describe: `${label}: ${method} ${header}=${brief(value, 50)}`,
    request: modernPost(
      ctx.main.url,
      message,
      replaceHeader(modernHeaders(message), header, value),
      rng,
    ),
    expect,
    noUpstream: expect !== OK,
  };
}
