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
  return json;
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
  if (!isList) return object;
  const properties = object?.properties as Record<string, unknown> | undefined;
  if (object && properties && "result" in properties) return object;
  const items = json.type === "array" ? json : { type: "array", items: json };
  return {
    type: "object",
    properties: { result: items, next_cursor: { type: ["string", "null"] } },
    required: ["result", "next_cursor"],
  };
}
