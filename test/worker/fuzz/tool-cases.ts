import { edgeValue, validObject } from "./json-schema";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import type { FuzzRequest } from "./send";
import { mutationsFor, type ListedTool } from "./tool-mutations";
import { weirdString } from "./values";

export { mutationsFor, type ListedTool } from "./tool-mutations";

export interface ToolCaseContext {
  url: string;
  session: Record<string, string>;
}

const ACCEPTS = [
  "application/json, text/event-stream",
  "text/event-stream, application/json",
] as const;

/** The POST of one tools/call; a few go through SELF, some ask for an SSE answer. */
export function toolCallRequest(
  rng: Rng,
  ctx: ToolCaseContext,
  id: number,
  params: unknown,
): FuzzRequest {
  return {
    method: "POST",
    url: ctx.url,
    via: rng.chance(0.03) ? "self" : "direct",
    headers: [
      ...Object.entries(ctx.session),
      ["content-type", "application/json"],
      ["accept", rng.chance(0.8) ? ACCEPTS[0] : ACCEPTS[1]],
    ],
    body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params }),
  };
}

/**
 * The i-th case for a tool: its mutation slots are visited in order, so every property of
 * every tool gets each applicable mutation within `tools × slots` cases; values are random.
 */
export function toolArgsCase(
  rng: Rng,
  tool: ListedTool,
  slot: number,
  ctx: ToolCaseContext,
  id: number,
): FuzzCase {
  const mutations = mutationsFor(tool);
  const args = validObject(tool.inputSchema, rng);
  let mutation = mutations[slot % mutations.length]!;
  let applied = mutation.apply(rng, args);
  for (let tries = 0; !applied && tries < 5; tries++) {
    mutation = rng.pick(mutations);
    applied = mutation.apply(rng, args);
  }
  if (!applied) throw new Error(`no mutation applies to ${tool.name}`);
  // A second mutation sometimes: every problem must still be reported, the first included.
  // Not after a cursor mutation: cursors are read only once the arguments are valid.
  if (mutation.family !== "bad next_cursor" && rng.chance(0.15)) {
    const second = rng.pick(mutations.filter((m) => m.family !== "bad next_cursor"));
    if (second.apply(rng, args)?.refusesMessage) applied.refusesMessage = true;
  }
  return {
    family: `tool args: ${mutation.family}`,
    describe: `${tool.name} ${applied.detail}`,
    request: toolCallRequest(rng, ctx, id, { name: tool.name, arguments: args }),
    // A `__proto__` key would be dropped by the SDK's copy of the arguments, so the whole
    // message is refused instead (src/server/mcp/read-message.ts).
    expect: applied.refusesMessage
      ? { kind: "jsonrpc-error", codes: [-32600], status: 400 }
      : { kind: "tool-error", tool: tool.name, mentions: applied.mentions },
    noUpstream: true,
  };
}

/** `arguments` that is not an object at all. */
export function argumentsShapeCase(
  rng: Rng,
  tool: ListedTool,
  ctx: ToolCaseContext,
  id: number,
): FuzzCase {
  const value = rng.pick<unknown>([[], [1, 2], "x", 0, true, [{ id: 1 }]]);
  return {
    family: "tool args: arguments not an object",
    describe: `${tool.name} arguments=${brief(value)}`,
    request: toolCallRequest(rng, ctx, id, { name: tool.name, arguments: value }),
    expect: { kind: "jsonrpc-error", codes: [-32602] },
    noUpstream: true,
  };
}

/** call_tool (discovery) running a real tool with invalid inner arguments. */
export function nestedCallCase(
  rng: Rng,
  tool: ListedTool,
  slot: number,
  ctx: ToolCaseContext,
  id: number,
): FuzzCase {
  const inner = toolArgsCase(rng, tool, slot, ctx, id);
  const body = JSON.parse(inner.request.body as string) as { params: { arguments: unknown } };
  const params = {
    name: "call_tool",
    arguments: { name: tool.name, arguments: body.params.arguments },
  };
  return {
    ...inner,
    family: "discovery: call_tool with invalid inner arguments",
    describe: `call_tool → ${inner.describe}`,
    request: toolCallRequest(rng, ctx, id, params),
  };
}

/**
 * A call the schema accepts, with values at the edges (longest strings, bounds, NUL and lone
 * surrogates, odd dates and base64). It may reach eDesk: ids name nothing, so updates and
 * deletes only ever miss, and creates land in the fuzz tenant. Whatever eDesk says, the
 * answer is a tool result, never a -32603.
 */
export function validEdgeCase(
  rng: Rng,
  tool: ListedTool,
  ctx: ToolCaseContext,
  id: number,
): FuzzCase {
  const args = edgeValue({ ...tool.inputSchema, type: "object" }, rng) as Record<string, unknown>;
  delete args.next_cursor;
  return {
    family: "tool args: valid edge values",
    describe: `${tool.name} ${brief(args, 120)}`,
    request: toolCallRequest(rng, ctx, id, { name: tool.name, arguments: args }),
    expect: { kind: "tool-result" },
  };
}

/** Types that are JSON-RPC-level fine but name no tool of this server. */
export function unknownToolCase(rng: Rng, ctx: ToolCaseContext, id: number): FuzzCase {
  const name = rng.pick([
    () => weirdString(rng, 6),
    () => "get_single_e_desk_ticket_by_id ",
    () => "GET_SINGLE_E_DESK_TICKET_BY_ID",
    () => "search_tools",
    () => "__proto__",
    () => "constructor",
    () => "n".repeat(10_000),
    () => "list_all_e_desk_tickets\u0000",
  ])();
  return {
    family: "tool args: unknown tool",
    describe: `name=${brief(name, 60)}`,
    request: toolCallRequest(rng, ctx, id, { name, arguments: {} }),
    expect: { kind: "jsonrpc-error", codes: [-32602] },
    noUpstream: true,
  };
}
