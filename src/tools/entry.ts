import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { CatalogTool } from "../catalog/index";
import { inputSchema } from "../catalog/input-schema";
import { singularize } from "../catalog/naming";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./cursor";
import { asObjectSchema, outputJsonSchema, toJsonSchema } from "./json-schema";

/** A catalog tool ready to list and call: its validator, argument names and MCP definition. */
export interface ToolEntry {
  tool: CatalogTool;
  input: z.ZodType<Record<string, unknown>>;
  argNames: readonly string[];
  definition: Tool;
}

// The paging arguments the engine adds to every list tool (design.md §1; eDesk's own
// page/itemsPerPage stay hidden behind the cursor, edesk-api.md §3).
const LIST_EXTRA: Record<string, z.ZodType> = {
  limit: z.int().min(1).max(MAX_LIMIT).optional().describe(`Page size, default ${DEFAULT_LIMIT}`),
  next_cursor: z
    .string()
    .min(1)
    .nullable()
    .optional()
    .describe("From the previous page, unchanged; omit for the first page"),
};

/** The optional argument of every create tool that makes a retried call safe (idempotency.ts). */
export const IDEMPOTENCY_ARG = "idempotency_key";

const CREATE_EXTRA: Record<string, z.ZodType> = {
  [IDEMPOTENCY_ARG]: z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, "1 to 255 visible ASCII characters")
    .optional()
    .describe("Reuse on retry: the same key within 24 h returns the first result, no second write"),
};

const LIST_NOTE =
  " Returns {result, next_cursor}; for more, repeat the call with next_cursor (null: last page).";

const words = (snake: string) => snake.replace(/_/g, " ").replace(/\bdatum\b/, "data");
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A short human title: "List eDesk tickets", "Update eDesk ticket data", "Get eDesk ticket context". */
export function toolTitle(tool: CatalogTool): string {
  const { method, custom } = tool.operation;
  const resource = tool.resource.name;
  if (method === "list") return `List eDesk ${words(resource)}`;
  if (method === "custom") return `${capital(words(custom ?? ""))} eDesk ${words(resource)}`;
  return `${capital(method)} eDesk ${words(singularize(resource))}`;
}

function buildEntry(tool: CatalogTool): ToolEntry {
  const { operation } = tool;
  const isList = operation.method === "list";
  const extra = isList ? LIST_EXTRA : operation.method === "create" ? CREATE_EXTRA : {};
  const input = inputSchema(operation, extra);
  const inputJson = asObjectSchema(toJsonSchema(input));
  if (!inputJson) throw new Error(`${tool.name}: input schema is not an object`);
  const title = toolTitle(tool);
  const definition: Tool = {
    name: tool.name,
    title,
    description: (operation.description ?? "") + (isList ? LIST_NOTE : ""),
    inputSchema: inputJson,
    annotations: operation.annotations,
  };
  // Writes return the object their read twin already describes; listing its shape again on
  // every write tool would cost tokens on each tools/list and tell the model nothing new.
  const output = operation.annotations.readOnlyHint
    ? outputJsonSchema(operation.output, isList)
    : undefined;
  if (output) definition.outputSchema = output;
  const argNames = [...Object.keys(operation.fields), ...Object.keys(extra)];
  return { tool, input, argNames, definition };
}

// Keyed by the catalog tool object, which `catalogTools()` builds once per isolate, so every
// config shares one conversion per tool.
const entries = new WeakMap<CatalogTool, ToolEntry>();

/** The entry of a catalog tool, computed once per tool object. */
export function entryFor(tool: CatalogTool): ToolEntry {
  let entry = entries.get(tool);
  if (!entry) {
    entry = buildEntry(tool);
    entries.set(tool, entry);
  }
  return entry;
}
