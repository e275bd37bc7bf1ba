import type { Tool, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { CatalogTool } from "../../catalog/index";
import { inputSchema } from "../../catalog/input-schema";
import { singularize } from "../../catalog/naming";
import { MAX_LIMIT } from "./cursor";
import { asObjectSchema, toJsonSchema } from "./json-schema";

/** A catalog tool ready to list and call: its validator, argument names and MCP definition. */
export interface ToolEntry {
  tool: CatalogTool;
  input: z.ZodType<Record<string, unknown>>;
  argNames: readonly string[];
  definition: Tool;
}

// The paging arguments the engine adds to every list tool (docs/architecture.md §1; eDesk's own
// page/itemsPerPage stay hidden behind the cursor, docs/edesk-api.md §3). How paging works is said
// once in the server's instructions (mcp-server.ts), not on each of the list tools.
const LIST_EXTRA: Record<string, z.ZodType> = {
  limit: z.int().min(1).max(MAX_LIMIT).optional(),
  next_cursor: z.string().min(1).nullable().optional(),
};

/** The optional argument of every create tool that makes a retried call safe (idempotency.ts). */
export const IDEMPOTENCY_ARG = "idempotency_key";

const CREATE_EXTRA: Record<string, z.ZodType> = {
  [IDEMPOTENCY_ARG]: z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, "1 to 255 visible ASCII characters")
    .optional(),
};

/**
 * MCP tool annotations as listed: only what differs from the spec's defaults (MCP spec,
 * "ToolAnnotations": readOnlyHint false, destructiveHint true, idempotentHint false,
 * openWorldHint true), except `destructiveHint`, always given on a write so that a client that
 * ignores the default cannot take a destructive write for a safe one. `destructiveHint` and
 * `idempotentHint` mean nothing on a read-only tool, so a read lists `readOnlyHint` alone.
 */
export function listedAnnotations(hints: ToolAnnotations): ToolAnnotations {
  if (hints.readOnlyHint) {
    return hints.openWorldHint === false
      ? { readOnlyHint: true, openWorldHint: false }
      : { readOnlyHint: true };
  }
  const listed: ToolAnnotations = { destructiveHint: hints.destructiveHint };
  if (hints.idempotentHint) listed.idempotentHint = true;
  if (hints.openWorldHint === false) listed.openWorldHint = false;
  return listed;
}

const words = (snake: string) => snake.replace(/_/g, " ").replace(/\bdatum\b/, "data");
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A short human title for search_tools: "List eDesk tickets", "Update eDesk ticket data". */
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
  // No outputSchema: eDesk's answers vary in types (docs/edesk-api.md §3), so the catalog's output
  // models are loose and would constrain nothing a client could check; model clients do not
  // pass an outputSchema to the model, and each read's description names the fields it acts on.
  // structuredContent is returned all the same. No title either: it would only restate the
  // name in words on every tool (discovery's search results still carry toolTitle).
  const definition: Tool = {
    name: tool.name,
    description: operation.description ?? "",
    inputSchema: inputJson,
    annotations: listedAnnotations(operation.annotations),
  };
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
