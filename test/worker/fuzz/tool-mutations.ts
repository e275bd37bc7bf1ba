import { encodeCursor } from "../../../src/engine/tools/cursor";
import { shownName } from "../../../src/engine/tools/validate-args";
import { allowedTypes, hasBounds, outOfRange, type Schema } from "./json-schema";
import type { Rng } from "./prng";
import { brief } from "./runner";
import { hugeString, jsonValue, trickyId, valueNotOfTypes, weirdString } from "./values";

// The ways to make a tool's arguments invalid, derived from the inputSchema tools/list
// advertises: each one known-invalid at validation time.

/** A tool as tools/list advertises it. */
export interface ListedTool {
  name: string;
  inputSchema: Schema & { properties?: Record<string, Schema> };
}

export interface Applied {
  /** What the error text must name: the offending argument. */
  mentions: string[];
  detail: string;
  /** The message is refused as a whole (-32600) before any tool sees it. */
  refusesMessage?: boolean;
}

type Args = Record<string, unknown>;

/** One way to make a tool's arguments invalid; null when it does not apply this time. */
export interface Mutation {
  family: string;
  apply(rng: Rng, args: Args): Applied | null;
}

const mutation = (family: string, apply: Mutation["apply"]): Mutation => ({ family, apply });

/** Sets one argument and reports it as the offending one. */
function set(args: Args, name: string, value: unknown, detail?: string): Applied {
  args[name] = value;
  return { mentions: [name], detail: detail ?? `${name}=${brief(value, 60)}` };
}

/** Sets a key as an own, enumerable property, even `__proto__` (JSON then carries it). */
function setOwn(target: Args, key: string, value: unknown) {
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

/** The mutations of one property, in a fixed order. */
function propertyMutations(name: string, schema: Schema, required: boolean): Mutation[] {
  const out: Mutation[] = [];
  const allowed = allowedTypes(schema);
  const itemTypes = schema.items && allowedTypes(schema.items);
  if (allowed) {
    out.push(
      mutation("wrong type", (rng, args) => {
        const value = valueNotOfTypes(rng, allowed);
        return value === undefined ? null : set(args, name, value);
      }),
    );
  }
  if (isIdField(name) && allowed && !allowed.has("string")) {
    out.push(mutation("path trick in an id", (rng, args) => set(args, name, trickyId(rng))));
  }
  if (hasBounds(schema)) {
    out.push(
      mutation("out of range", (rng, args) => {
        const broken = outOfRange(schema, rng);
        if (!broken) return null;
        return set(args, name, broken.value, `${name} ${broken.why}: ${brief(broken.value, 60)}`);
      }),
    );
  }
  if (allowed && !allowed.has("string")) {
    out.push(
      mutation("very long string", (rng, args) => {
        const value = hugeString(rng);
        return set(args, name, value, `${name}=<${value.length}-char string>`);
      }),
    );
  }
  if (itemTypes) {
    out.push(
      mutation("wrong item type", (rng, args) => {
        const value = valueNotOfTypes(rng, itemTypes);
        return value === undefined ? null : set(args, name, [value]);
      }),
    );
  }
  if (required) {
    out.push(
      mutation("missing required", (_rng, args) => {
        delete args[name];
        return { mentions: [name], detail: `without ${name}` };
      }),
    );
  }
  return out;
}

/** An argument the tool does not take: prototype names, NUL, lone surrogates, 10k chars. */
function unknownArgument(properties: Record<string, Schema>): Mutation {
  return mutation("unknown argument", (rng, args) => {
    const key = rng.chance(0.6)
      ? rng.pick(UNKNOWN_KEYS)
      : rng.chance(0.1)
        ? "k".repeat(10_000)
        : `x${weirdString(rng, 5)}`;
    if (Object.hasOwn(properties, key)) return null;
    setOwn(args, key, jsonValue(rng, 2));
    return {
      // Error texts cut a caller's long names (validate-args.ts): the 10,000-character key is
      // named by its first characters.
      mentions: [shownName(key)],
      detail: `extra ${brief(key, 40)}`,
      refusesMessage: key === "__proto__",
    };
  });
}

/** Every mutation a tool's advertised schema allows, in a fixed order (one slot each). */
export function mutationsFor(tool: ListedTool): Mutation[] {
  const properties = tool.inputSchema.properties ?? {};
  const required = new Set(tool.inputSchema.required ?? []);
  const out = Object.entries(properties).flatMap(([name, schema]) =>
    propertyMutations(name, schema, required.has(name)),
  );
  out.push(unknownArgument(properties), unknownArgument(properties));
  if (Object.hasOwn(properties, "next_cursor")) {
    out.push(badCursor(tool), badCursor(tool), badCursor(tool));
  }
  return out;
}

/** A next_cursor this tool never issued: it passes the schema and must fail before eDesk. */
function badCursor(tool: ListedTool): Mutation {
  return mutation("bad next_cursor", (rng, args) => {
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
    return set(args, "next_cursor", cursor, `next_cursor=${brief(cursor, 50)}`);
  });
}
