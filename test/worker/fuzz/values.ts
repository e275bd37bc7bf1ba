import type { Rng } from "./prng";

// Awkward strings and JSON values shared by every generator. Nothing here produces the markers
// the oracle treats as leaks (stack frames, "Error: " prefixes, secrets), so an echo of fuzzed
// input can never be mistaken for one.

const PIECES = [
  "a",
  "Z",
  "0",
  " ",
  "é",
  "ß",
  "漢字",
  "עברית",
  "\u202e",
  "\u200b",
  "\ufeff",
  "\ufffd",
  "😀",
  "\u{10ffff}",
  "\u0000",
  "\u0001",
  "\u001f",
  "\u007f",
  "\t",
  "\n",
  "\r",
  '"',
  "\\",
  "'",
  "<script>",
  "%00",
  "%",
  "%zz",
  "%E0%A4%A",
  "../",
  "..%2F",
  "%2F",
  "/",
  "?x=1",
  "#",
  "&a=b",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "{}",
  "[]",
  "null",
  "NaN",
  "-0",
  "1e400",
] as const;

/** A lone surrogate: valid in a JS string and as a JSON `\uXXXX` escape, not as UTF-8. */
export const LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "x\ud83d", "\ude00y"];

/** A string of up to `max` pieces mixing unicode, controls, NUL, surrogates and path tricks. */
export function weirdString(rng: Rng, max = 12): string {
  let out = "";
  const count = rng.int(0, max);
  for (let i = 0; i < count; i++) {
    out += rng.chance(0.1) ? rng.pick(LONE_SURROGATES) : rng.pick(PIECES);
  }
  return out;
}

/**
 * A weird object key, but never `__proto__` itself: that key refuses a whole MCP message
 * (src/server/mcp/read-message.ts), so it is only sent where a case means to.
 */
export function dataKey(rng: Rng): string {
  const key = weirdString(rng, 3);
  return key === "__proto__" ? "__proto" : key;
}

/**
 * encodeURIComponent that never throws: a lone surrogate, which it refuses, goes out as the
 * three bytes a careless client would send (`%ED%A0%80`), themselves invalid UTF-8.
 */
export function encodePart(text: string): string {
  const runs = /(?:[\ud800-\udbff][\udc00-\udfff]|[^\ud800-\udfff])+|[\ud800-\udfff]/g;
  return text.replace(runs, (part) => {
    const code = part.charCodeAt(0);
    if (part.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join("");
    }
    return encodeURIComponent(part);
  });
}

/** Text made only of printable ASCII letters and digits (safe anywhere, header values too). */
export function plainString(rng: Rng, length: number): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let out = "";
  for (let i = 0; i < length; i++) out += chars[rng.int(0, chars.length - 1)];
  return out;
}

/** A very long string: 10k to 100k characters, sometimes weird, usually plain. */
export function hugeString(rng: Rng): string {
  const unit = rng.chance(0.3) ? weirdString(rng, 4) || "x" : "x";
  return unit.repeat(Math.ceil(rng.int(10_000, 100_000) / unit.length));
}

export const PATH_TRICKS = [
  "../",
  "../../v1/whoami",
  "..%2F",
  "..%2f..%2fwhoami",
  "%2F",
  "/",
  "1/../2",
  "1?x=1",
  "1#frag",
  "?x=1",
  "#",
  "1%00",
  "1\u0000",
  ".",
  "..",
  "%2e%2e",
  "1;drop",
  " 1",
  "1 ",
  "",
] as const;

/** An id-shaped trick: a path trick, or a 10k-character id. */
export function trickyId(rng: Rng): string {
  if (rng.chance(0.15)) return "9".repeat(10_000);
  if (rng.chance(0.1)) return "a".repeat(10_000);
  return rng.pick(PATH_TRICKS);
}

/** Numbers at and past the edges JSON and JS disagree on. */
export const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  0.1,
  -1e-300,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
] as const;

export type JsonType = "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";

/** A random value of the given JSON type (shallow unless depth allows nesting). */
export function valueOfType(rng: Rng, type: JsonType, depth = 1): unknown {
  switch (type) {
    case "null":
      return null;
    case "boolean":
      return rng.chance(0.5);
    case "integer":
      return rng.pick([0, -1, 7, 2 ** 40, -(2 ** 53)]);
    case "number":
      return rng.pick([1.5, -0.25, 1e21, 3.14159]);
    case "string":
      return rng.chance(0.5) ? weirdString(rng, 6) : rng.pick(["", "1", "true", "null", "[]"]);
    case "array":
      return depth > 0 ? [jsonValue(rng, depth - 1)] : [];
    case "object":
      return depth > 0 ? { [dataKey(rng)]: jsonValue(rng, depth - 1) } : {};
  }
}

const TYPES: readonly JsonType[] = [
  "null",
  "boolean",
  "integer",
  "number",
  "string",
  "array",
  "object",
];

/** Any JSON value, nested up to `depth`. */
export function jsonValue(rng: Rng, depth = 2): unknown {
  return valueOfType(rng, rng.pick(TYPES), depth);
}

/**
 * A value none of whose JSON types is allowed. `integer` in `allowed` does not allow 1.5;
 * `number` allows every number.
 */
export function valueNotOfTypes(rng: Rng, allowed: ReadonlySet<JsonType>): unknown {
  const candidates = TYPES.filter((type) => {
    if (allowed.has(type)) return false;
    if (type === "integer" && allowed.has("number")) return false;
    return true;
  });
  if (candidates.length === 0) return undefined;
  const type = rng.pick(candidates);
  // A fractional number is not an integer, but it is a number: keep it for integer-only fields.
  if (type === "number" && allowed.has("integer")) return rng.pick([1.5, -0.25, 1e-7]);
  if (type === "number") return rng.pick([1.5, -0.25, 1e21]);
  return valueOfType(rng, type);
}

/** `{"a":{"a":…}}` or `[[[…]]]` nested `depth` levels, as JSON text. */
export function deepJsonText(depth: number, kind: "object" | "array"): string {
  return kind === "object"
    ? '{"a":'.repeat(depth) + "1" + "}".repeat(depth)
    : "[".repeat(depth) + "1" + "]".repeat(depth);
}

/** `{"a":{"a":…}}` nested `depth` levels, as a value. */
export function deepValue(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}
