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
 * Drops what costs tokens on every tools/list and tells a model nothing: `z.int()`'s implicit
 * ±2^53 bounds, zod's long email regex beside `format: "email"`, and `additionalProperties:
 * false` below the top level (arguments are validated strictly on the server either way, and
 * an unknown nested key is reported by name).
 */
function compact(node: unknown, root = false): unknown {
  if (Array.isArray(node)) return node.map((item) => compact(item));
  if (!node || typeof node !== "object") return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === "maximum" && value === Number.MAX_SAFE_INTEGER) continue;
    if (key === "minimum" && value === Number.MIN_SAFE_INTEGER) continue;
    if (key === "pattern" && source.format === "email") continue;
    if (key === "additionalProperties" && value === false && !root) continue;
    out[key] = key === "properties" ? compactEach(value) : compact(value);
  }
  return out;
}

function compactEach(properties: unknown): unknown {
  if (!properties || typeof properties !== "object") return properties;
  return Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => [name, compact(schema)]),
  );
}

/**
 * An object schema cut down to its top-level property names. eDesk's answers vary in types
 * (edesk-api.md §3: numbers as strings, booleans as 0/1), so the catalog's output models are
 * deliberately loose; their nested detail constrains nothing and would double the size of
 * tools/list. The names tell a model and a client what structuredContent holds.
 */
function propertyNames(json: Record<string, unknown>): ObjectJsonSchema {
  const properties = (json.properties ?? {}) as Record<string, unknown>;
  return {
    type: "object",
    properties: Object.fromEntries(Object.keys(properties).map((name) => [name, {}])),
  };
}

/** Narrows a generated schema to what MCP accepts as `inputSchema`/`outputSchema`. */
export function asObjectSchema(json: Record<string, unknown>): ObjectJsonSchema | undefined {
  return json.type === "object" ? (json as ObjectJsonSchema) : undefined;
}

/**
 * `outputSchema` of a tool: the operation's `output` when it describes an object. List tools
 * always answer `{result, next_cursor}` (design.md §1): an `output` that already has that shape
 * is used as it is, an array or item schema is wrapped into it. The input side (`io: "input"`)
 * is used because structuredContent is eDesk's data as received, not a zod-parsed copy.
 */
export function outputJsonSchema(
  output: z.ZodType | undefined,
  isList: boolean,
): ObjectJsonSchema | undefined {
  if (!output) return undefined;
  const json = toJsonSchema(output);
  const object = asObjectSchema(json);
  if (!isList) return object && propertyNames(object);
  const properties = object?.properties as Record<string, unknown> | undefined;
  const item = (properties?.result ?? json) as Record<string, unknown>;
  const itemObject = (item.type === "array" ? item.items : item) as Record<string, unknown>;
  return {
    type: "object",
    properties: {
      result: { type: "array", items: asObjectSchema(itemObject) ? propertyNames(itemObject) : {} },
      next_cursor: { type: ["string", "null"] },
    },
    required: ["result", "next_cursor"],
  };
}
