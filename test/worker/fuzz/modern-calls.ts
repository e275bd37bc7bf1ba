import { HUGE_BODY_BYTES } from "./body-kit";
import {
  CAPABILITIES_KEY,
  envelope,
  INFO_KEY,
  INVALID_PARAMS,
  MISMATCH,
  modernHeaders,
  modernPost,
  modernRequest,
  nameOf,
  OK,
  type ModernContext,
} from "./modern-request";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import { toolArgsCase } from "./tool-cases";
import { deepValue, plainString, weirdString } from "./values";

// tools/call with junk arguments, and `_meta` that is oversized, wide or deep.

/** A modern tools/call of `params` on the main server. */
function callCase(
  rng: Rng,
  ctx: ModernContext,
  id: number,
  params: Record<string, unknown>,
): Pick<FuzzCase, "request"> {
  const message = modernRequest(id, "tools/call", params);
  return { request: modernPost(ctx.main.url, message, modernHeaders(message), rng) };
}

/**
 * A tool's arguments made invalid as the tools target makes them (tool-mutations.ts): the
 * modern era must answer them exactly as the 2025 one does, an isError naming the argument.
 */
function mutatedArgumentsCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const tool = ctx.tools[index % ctx.tools.length]!;
  const slot = Math.floor(index / ctx.tools.length);
  const inner = toolArgsCase(rng, tool, slot, { url: ctx.main.url, session: {} }, index);
  const { params } = JSON.parse(inner.request.body as string) as {
    params: Record<string, unknown>;
  };
  return { ...inner, family: `tools/call ${inner.family}`, ...callCase(rng, ctx, index, params) };
}

const UNKNOWN_TOOLS = (rng: Rng) => [
  weirdString(rng, 6),
  "get_single_e_desk_ticket_by_id ",
  "GET_SINGLE_E_DESK_TICKET_BY_ID",
  "search_tools",
  "__proto__",
  "constructor",
  "n".repeat(10_000),
  "list_all_e_desk_tickets\u0000",
  "漢字",
];

/** tools/call with junk where the tool's name or arguments go. */
export function toolCallCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const family = rng.byWeight<string>([
    [10, "arguments"],
    [3, "arguments not an object"],
    [3, "unknown tool"],
    [2, "name not a string"],
  ]);
  if (family === "arguments") return mutatedArgumentsCase(rng, ctx, index);
  const tool = rng.pick(ctx.tools).name;
  let params: Record<string, unknown>;
  let expect: Expectation = INVALID_PARAMS;
  if (family === "arguments not an object") {
    params = { name: tool, arguments: rng.pick<unknown>([[], [1, 2], "x", 0, true, [{ id: 1 }]]) };
  } else if (family === "unknown tool") {
    params = { name: rng.pick(UNKNOWN_TOOLS(rng)), arguments: {} };
    // A name no header can carry (a lone surrogate) leaves Mcp-Name out: a mismatch.
    if (nameOf(modernRequest(0, "tools/call", params)) === undefined) expect = MISMATCH;
  } else {
    params = { name: rng.pick<unknown>([5, null, {}, [tool], true]), arguments: {} };
  }
  return {
    family: `tools/call ${family}`,
    describe: brief(params, 120),
    ...callCase(rng, ctx, index, params),
    expect,
    noUpstream: true,
  };
}

/** Past this many levels `_meta` is refused (src/server/mcp/read-message.ts). */
const META_DEPTH = 32;
const TOO_LARGE: Expectation = { kind: "jsonrpc-error", status: 413 };

/** `_meta` deep, wide or large, on a request that is otherwise valid. */
export function metaSizeCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const where = rng.pick(["extra key", "capabilities", "clientInfo"]);
  // `_meta` is level 1; `deepValue(n)` placed there ends at level n + offset.
  const offset = where === "extra key" ? 1 : where === "capabilities" ? 3 : 2;
  const deep = rng.pick([META_DEPTH - offset + 1, 100, 5_000, 20_000]);
  const shallow = rng.int(1, META_DEPTH - offset);
  const place = (value: unknown): Record<string, unknown> => {
    const meta = envelope();
    if (where === "extra key") meta[`x-${plainString(rng, 4)}`] = value;
    else if (where === "capabilities") meta[CAPABILITIES_KEY] = { experimental: { x: value } };
    else meta[INFO_KEY] = { name: "fuzz", version: "1", x: value };
    return meta;
  };
  const wide: Record<string, number> = {};
  for (let i = rng.int(1_000, 20_000); i > 0; i--) wide[`k${i}`] = i;
  const [label, meta, expect] = rng.pick<[string, Record<string, unknown>, Expectation]>([
    [`${deep + offset} levels, in ${where}`, place(deepValue(deep)), INVALID_PARAMS],
    [`${shallow + offset} levels, in ${where}`, place(deepValue(shallow)), OK],
    [`${Object.keys(wide).length} keys`, { ...envelope(), ...wide }, OK],
    ["a long string", { ...envelope(), x: "m".repeat(rng.int(10_000, 900_000)) }, OK],
    [
      "a long client name",
      { ...envelope(), [INFO_KEY]: { name: "c".repeat(200_000), version: "1" } },
      OK,
    ],
    ["a body past 1 MiB", { ...envelope(), x: "m".repeat(HUGE_BODY_BYTES) }, TOO_LARGE],
  ]);
  const method = rng.pick(["server/discover", "tools/list"]);
  const message = modernRequest(index, method, {}, meta);
  const request = modernPost(ctx.main.url, message, modernHeaders(message), rng);
  // The 1 MiB limit is checked on Content-Length (SELF sends one) and on the bytes read.
  if (expect === TOO_LARGE && rng.chance(0.5)) request.via = "self";
  return {
    family: "oversized or deep _meta",
    describe: `${method}: ${label}`,
    request,
    expect,
    noUpstream: true,
  };
}
