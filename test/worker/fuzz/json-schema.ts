import type { Rng } from "./prng";
import { weirdString, type JsonType } from "./values";

/** The JSON Schema vocabulary tools/list uses (zod's draft 2020-12 output, compacted). */
export interface Schema {
  type?: JsonType | JsonType[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
}

function typeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

/** The JSON types a schema admits; null when it admits anything (no type constraint). */
export function allowedTypes(schema: Schema): Set<JsonType> | null {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const all = new Set<JsonType>();
    for (const branch of branches) {
      const types = allowedTypes(branch);
      if (!types) return null;
      for (const type of types) all.add(type);
    }
    return all;
  }
  if (schema.type) return new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
  if (schema.enum) return new Set(schema.enum.map(typeOf));
  if (schema.const !== undefined) return new Set([typeOf(schema.const)]);
  return null;
}

/** The first branch that is not `null`: the value side of a nullable schema. */
export function valueBranch(schema: Schema): Schema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return schema;
  return branches.find((b) => b.type !== "null") ?? branches[0]!;
}

const KNOWN_PATTERNS: Record<string, string> = {
  "^\\d{4}-\\d{2}-\\d{2}$": "2024-01-31",
  "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$": "2024-01-31 10:00:00",
  "^[A-Za-z0-9+/]+={0,2}$": "aGVsbG8=",
};

/**
 * A value the schema accepts, as far as the listed vocabulary tells: the base every mutation
 * starts from. Ids get a large number that exists nowhere. Should a value still be refused
 * (a rule JSON Schema cannot state), the case is only invalid twice over.
 */
export function validValue(schema: Schema, rng: Rng): unknown {
  const s = valueBranch(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return rng.pick(s.enum);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "integer":
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 987_654_321, 987_654_321));
    case "number":
      return Math.max(s.minimum ?? 1, 1);
    case "boolean":
      return false;
    case "string": {
      if (s.format === "email") return "fuzz@example.com";
      if (s.format === "uri") return "https://example.com/x";
      if (s.pattern && KNOWN_PATTERNS[s.pattern]) return KNOWN_PATTERNS[s.pattern];
      return "fuzz".padEnd(s.minLength ?? 1, "z").slice(0, s.maxLength ?? 1000);
    }
    case "array":
      return Array.from({ length: Math.max(s.minItems ?? 0, 1) }, () =>
        s.items ? validValue(s.items, rng) : 1,
      );
    case "object":
      return validObject(s, rng);
    default:
      return "fuzz";
  }
}

/** The object's required properties, each with a valid value. */
export function validObject(schema: Schema, rng: Rng): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    const property = schema.properties?.[name];
    if (property) out[name] = validValue(property, rng);
  }
  return out;
}

const EDGE_PATTERNS: Record<string, readonly string[]> = {
  "^\\d{4}-\\d{2}-\\d{2}$": ["2024-02-29", "0000-00-00", "9999-12-31"],
  "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$": ["2024-02-29 23:59:59", "9999-99-99 99:99:99"],
  "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$": [
    "AA",
    "AAA",
    "AA==",
    "////",
    "+/+/AA==",
  ],
};

/**
 * A value the schema accepts that sits at an edge: the longest string, the bounds, odd
 * unicode (NUL, lone surrogates, RTL marks are all valid JSON strings), patterns' corner
 * cases. Id-like integers get a number that exists nowhere, so no record is ever changed.
 */
export function edgeValue(schema: Schema, rng: Rng, name = ""): unknown {
  const s = valueBranch(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return rng.pick(s.enum);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "integer":
      if (name === "id" || name.endsWith("_id")) return rng.pick([987_654_321, 2 ** 53 - 1]);
      return rng.pick([s.minimum ?? 0, s.maximum ?? 2 ** 31, s.minimum ?? 1]);
    case "number":
      return rng.pick([s.minimum ?? 0, 0.1, 1e21, s.maximum ?? 1e6]);
    case "boolean":
      return rng.chance(0.5);
    case "string": {
      if (s.pattern && EDGE_PATTERNS[s.pattern]) return rng.pick(EDGE_PATTERNS[s.pattern]!);
      if (s.pattern || s.format) return validValue(s, rng);
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 5_000;
      const text = rng.chance(0.3) ? "w".repeat(max) : weirdString(rng, 10);
      return text.length >= min ? text.slice(0, max) : text.padEnd(min, "\u0000");
    }
    case "array": {
      const count = rng.int(Math.max(s.minItems ?? 0, 1), Math.min(s.maxItems ?? 3, 3));
      return Array.from({ length: count }, () => (s.items ? edgeValue(s.items, rng) : 1));
    }
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(key) || rng.chance(0.5)) out[key] = edgeValue(property, rng, key);
      }
      return out;
    }
    default:
      return weirdString(rng, 4);
  }
}

/** Whether the schema states a bound that `outOfRange` can break. */
export function hasBounds(schema: Schema): boolean {
  const s = valueBranch(schema);
  return Boolean(
    s.enum ||
      s.type === "integer" ||
      s.minimum !== undefined ||
      s.maximum !== undefined ||
      s.minLength ||
      s.maxLength !== undefined ||
      s.pattern ||
      s.format === "email" ||
      s.format === "uri" ||
      s.minItems ||
      s.maxItems !== undefined,
  );
}

/**
 * A value of the right type that breaks one of the schema's own bounds (range, length,
 * pattern, format, enum, item count), or undefined when the schema states no bound.
 */
export function outOfRange(schema: Schema, rng: Rng): { value: unknown; why: string } | undefined {
  const s = valueBranch(schema);
  const options: { value: unknown; why: string }[] = [];
  const integer = s.type === "integer";
  if (s.enum) {
    const value = `${String(rng.pick(s.enum))}_x`;
    if (!s.enum.includes(value)) options.push({ value, why: "not in enum" });
  }
  if (s.minimum !== undefined) {
    options.push({ value: s.minimum - (integer ? 1 : 0.5), why: "below minimum" });
    options.push({ value: s.minimum - 1e6, why: "far below minimum" });
  }
  if (s.maximum !== undefined) options.push({ value: s.maximum + 1, why: "above maximum" });
  if (integer) options.push({ value: (s.minimum ?? 0) + 1.5, why: "not an integer" });
  if (s.minLength) options.push({ value: "", why: "shorter than minLength" });
  if (s.maxLength !== undefined) {
    options.push({ value: "m".repeat(s.maxLength + 1), why: "longer than maxLength" });
    options.push({ value: "m".repeat(s.maxLength + 10_000), why: "far longer than maxLength" });
  }
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const value = rng.pick(["2024-13", "20240131", "aGVs bG8=", "🙂", "2024-01-31T10:00:00Z", "="]);
    if (!re.test(value)) options.push({ value, why: "does not match pattern" });
  }
  if (s.format === "email") options.push({ value: "not-an-email", why: "not an email" });
  if (s.format === "uri") options.push({ value: "not a uri", why: "not a uri" });
  if (s.minItems) options.push({ value: [], why: "fewer than minItems" });
  if (s.maxItems !== undefined) {
    const item = s.items ? validValue(s.items, rng) : 1;
    options.push({ value: Array(s.maxItems + 1).fill(item), why: "more than maxItems" });
  }
  return options.length ? rng.pick(options) : undefined;
}
