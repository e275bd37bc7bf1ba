import { z } from "zod";

/** A JSON Schema object as `tools/list` carries it (top level `type: "object"`, MCP spec "Tool"). */
export type ObjectJsonSchema = { type: "object"; [key: string]: unknown };

/**
 * The JSON Schema of a zod schema as the input side sees it: defaults are optional, loose objects
 * allow extra keys, and nothing zod cannot express breaks the listing.
 *
 * Dialect: MCP 2025-11-25 makes JSON Schema 2020-12 the default when `$schema` is absent, so the
 * 2020-12 form is generated and `$schema` dropped (some model APIs reject unknown top-level
 * keywords). The SDK client's Ajv compiles these object schemas as they are.
 */
export function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  delete json.$schema;
  return compact(json, true) as Record<string, unknown>;
}

/**
 * Drops what costs tokens on every tools/list and tells a model nothing it needs to call right
 * (the server validates with the full zod schema either way, and names the argument and the
 * rule it broke):
 * - `z.int()`'s implicit ±2^53 bounds;
 * - regex `pattern`s: the description states each format in words (`YYYY-MM-DD`, base64), and a
 *   regex is harder for a model to read than those words;
 * - the "non-empty" bounds `minLength: 1`, `minItems: 1` and an integer's `minimum: 1`: any real
 *   value (an id from a result, a name, a list of what to change) meets them;
 * - `additionalProperties: false` below the top level (an unknown nested key is reported by name);
 * - the `anyOf` zod writes for a nullable scalar, as the shorter `type: [type, "null"]`.
 */
function compact(node: unknown, root = false): unknown {
  if (Array.isArray(node)) return node.map((item) => compact(item));
  if (!node || typeof node !== "object") return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === "maximum" && value === Number.MAX_SAFE_INTEGER) continue;
    if (key === "minimum" && value === Number.MIN_SAFE_INTEGER) continue;
    if (key === "minimum" && value === 1 && source.type === "integer") continue;
    if ((key === "minLength" || key === "minItems") && value === 1) continue;
    if (key === "pattern") continue;
    if (key === "additionalProperties" && value === false && !root) continue;
    out[key] = key === "properties" ? compactEach(value) : compact(value);
  }
  return nullableScalar(out) ?? out;
}

/** `{anyOf: [{type: T}, {type: "null"}], …}` as `{type: [T, "null"], …}`; else undefined. */
function nullableScalar(node: Record<string, unknown>): Record<string, unknown> | undefined {
  const { anyOf, ...rest } = node;
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return undefined;
  const [value, none] = anyOf as Record<string, unknown>[];
  const onlyType = (branch: Record<string, unknown>) =>
    Object.keys(branch).length === 1 && typeof branch.type === "string";
  if (!onlyType(value) || !onlyType(none) || none.type !== "null") return undefined;
  return { ...rest, type: [value.type, "null"] };
}

function compactEach(properties: unknown): unknown {
  if (!properties || typeof properties !== "object") return properties;
  return Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => [name, compact(schema)]),
  );
}

/** Narrows a generated schema to what MCP accepts as `inputSchema`/`outputSchema`. */
export function asObjectSchema(json: Record<string, unknown>): ObjectJsonSchema | undefined {
  return json.type === "object" ? (json as ObjectJsonSchema) : undefined;
}
