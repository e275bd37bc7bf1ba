import { encodeCursor } from "../../../src/tools/cursor";
import {
  allowedTypes,
  edgeValue,
  hasBounds,
  outOfRange,
  validObject,
  type Schema,
} from "./json-schema";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import type { FuzzRequest } from "./send";
import { hugeString, jsonValue, trickyId, valueNotOfTypes, weirdString } from "./values";

/** A tool as tools/list advertises it. */
export interface ListedTool {
  name: string;
  inputSchema: Schema & { properties?: Record<string, Schema> };
}

interface Applied {
  /** What the error text must name: the offending argument. */
  mentions: string[];
  detail: string;
  /** The message is refused as a whole (-32600) before any tool sees it. */
  refusesMessage?: boolean;
}

/** One way to make a tool's arguments invalid; `mentions` must appear in the error text. */
interface Mutation {
  family: string;
  label: string;
  apply(rng: Rng, args: Record<string, unknown>): Applied | null;
}

/** Sets a key as an own, enumerable property, even `__proto__` (JSON then carries it). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
}

const isIdField = (name: string) => name === "id" || name.endsWith("_id");

const UNKNOWN_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "a\u0000b",
  "\u0000",
  "\ud800",
  "ключ",
  "page",
  "itemsPerPage",
  "Id",
  "ID",
] as const;

/** Every mutation a tool's advertised schema allows, in a fixed order (one slot each). */
export function mutationsFor(tool: ListedTool): Mutation[] {
  const properties = tool.inputSchema.properties ?? {};
  const required = new Set(tool.inputSchema.required ?? []);
  const out: Mutation[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    const allowed = allowedTypes(schema);
    if (allowed) {
      out.push({
        family: "wrong type",
        label: `wrong type for ${name}`,
        apply(rng, args) {
          const value = valueNotOfTypes(rng, allowed);
          if (value === undefined) return null;
          args[name] = value;
          return { mentions: [name], detail: `${name}=${brief(value, 60)}` };
        },
      });
    }
    if (isIdField(name) && allowed && !allowed.has("string")) {
      out.push({
        family: "path trick in an id",
        label: `path trick in ${name}`,
        apply(rng, args) {
          const value = trickyId(rng);
          args[name] = value;
          return { mentions: [name], detail: `${name}=${brief(value, 60)}` };
        },
      });
    }
    if (hasBounds(schema)) {
      out.push({
        family: "out of range",
        label: `out of range ${name}`,
        apply(rng, args) {
          const broken = outOfRange(schema, rng);
          if (!broken) return null;
          args[name] = broken.value;
          return { mentions: [name], detail: `${name} ${broken.why}: ${brief(broken.value, 60)}` };
        },
      });
    }
    if (allowed && !allowed.has("string")) {
      out.push({
        family: "very long string",
        label: `very long string for ${name}`,
        apply(rng, args) {
          const value = hugeString(rng);
          args[name] = value;
          return { mentions: [name], detail: `${name}=<${value.length}-char string>` };
        },
      });
    }
    const items = schema.items;
    const itemTypes = items && allowedTypes(items);
    if (itemTypes) {
      out.push({
        family: "wrong item type",
        label: `wrong item type in ${name}`,
        apply(rng, args) {
          const value = valueNotOfTypes(rng, itemTypes);
          if (value === undefined) return null;
          args[name] = [value];
          return { mentions: [name], detail: `${name}=[${brief(value, 60)}]` };
        },
      });
    }
    if (required.has(name)) {
      out.push({
        family: "missing required",
        label: `missing ${name}`,
        apply(_rng, args) {
          delete args[name];
          return { mentions: [name], detail: `without ${name}` };
        },
      });
    }
  }
  const unknownKey: Mutation = {
    family: "unknown argument",
    label: "unknown argument",
    apply(rng, args) {
      const key = rng.chance(0.6)
        ? rng.pick(UNKNOWN_KEYS)
        : rng.chance(0.1)
          ? "k".repeat(10_000)
          : `x${weirdString(rng, 5)}`;
      if (Object.hasOwn(properties, key)) return null;
      setOwn(args, key, jsonValue(rng, 2));
      return {
        mentions: [key],
        detail: `extra ${brief(key, 40)}`,
        refusesMessage: key === "__proto__",
      };
    },
  };
  out.push(unknownKey, unknownKey);
  if (Object.hasOwn(properties, "next_cursor"))
    out.push(badCursor(tool), badCursor(tool), badCursor(tool));
  return out;
}

/** A next_cursor this tool never issued: it passes the schema and must fail before eDesk. */
function badCursor(tool: ListedTool): Mutation {
  return {
    family: "bad next_cursor",
    label: "bad next_cursor",
    apply(rng, args) {
      const other = rng.pick([
        "list_all_e_desk_tickets",
        "list_all_e_desk_templates",
        "list_all_e_desk_messages",
      ]);
      const cursor = rng.pick([
        () => weirdString(rng, 8) || "x",
        () => btoa(String.fromCharCode(...Array.from({ length: 12 }, () => rng.int(0, 255)))),
        () => btoa(JSON.stringify({ v: 1, p: 2, n: 20, c: "0" })),
        () => btoa(JSON.stringify({ v: 1, p: -1, n: 1e9, c: "zz" })),
        () => btoa("null"),
        () => btoa("[]"),
        () => "===",
        () => "%%%",
        () => "c".repeat(20_000),
        () => (other === tool.name ? "e30" : encodeCursor(other, { page: 2, itemsPerPage: 20 })),
        () => encodeCursor(tool.name, { page: 2, itemsPerPage: 20 }).slice(0, -2),
      ])();
      args.next_cursor = cursor;
      return { mentions: ["next_cursor"], detail: `next_cursor=${brief(cursor, 50)}` };
    },
  };
}

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
    // message is refused instead (src/mcp/read-message.ts).
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
