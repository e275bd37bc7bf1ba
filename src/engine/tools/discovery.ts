import type { CallToolResult, Tool, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { toolTitle, type ToolEntry } from "./entry";
import { asObjectSchema, toJsonSchema } from "./json-schema";
import { errorResult, successResult } from "./results";
import { invalidArgsText, validateArgs } from "./validate-args";

// `tool_exposure: "discovery"` (docs/architecture.md §1) lists three meta tools instead of the catalog, for
// clients whose context cannot hold ~40 schemas: find a tool, read its schema, run it.

export const SEARCH_TOOLS = "search_tools";
export const GET_TOOL_SCHEMA = "get_tool_schema";
export const CALL_TOOL = "call_tool";
const DEFAULT_MATCHES = 10;

const toolName = z.string().min(1).max(64);
const INPUTS = {
  [SEARCH_TOOLS]: z.strictObject({
    query: z
      .string()
      .max(200)
      .optional()
      .describe(
        "Words to look for in tool names and descriptions, e.g. 'reply ticket' or 'tracking'; empty or omitted lists all",
      ),
    limit: z
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe(`Most matches to return (default ${DEFAULT_MATCHES}; all for an empty query)`),
  }),
  [GET_TOOL_SCHEMA]: z.strictObject({ name: toolName.describe("Tool name from search_tools") }),
  [CALL_TOOL]: z.strictObject({
    name: toolName.describe("Tool name from search_tools"),
    arguments: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("The tool's arguments, as get_tool_schema describes them"),
  }),
} as const;

const SEARCH_OUTPUT = z.object({
  result: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      summary: z.string(),
      access: z.enum(["read", "write"]),
    }),
  ),
  total: z.int(),
  hint: z.string().optional(),
});

// Words every tool shares, or that carry no meaning for matching.
const NOISE = new Set([
  "a",
  "an",
  "the",
  "e",
  "desk",
  "edesk",
  "of",
  "for",
  "to",
  "by",
  "in",
  "on",
  "id",
]);

function terms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((term) => term && !NOISE.has(term))
    .map((term) => (term.length > 3 && term.endsWith("s") ? term.slice(0, -1) : term));
}

function score(entry: ToolEntry, words: readonly string[]): number {
  const { name, description = "" } = entry.definition;
  const title = toolTitle(entry.tool);
  const tags = entry.tool.tags.join(" ");
  const text = description.toLowerCase();
  return words.reduce(
    (sum, word) =>
      sum +
      (name.includes(word) ? 3 : 0) +
      (title.toLowerCase().includes(word) || tags.includes(word) ? 2 : 0) +
      (text.includes(word) ? 1 : 0),
    0,
  );
}

/** First sentence of a description, for search results. */
function summary(description = ""): string {
  const end = description.search(/\.(\s|$)/);
  const first = end === -1 ? description : description.slice(0, end + 1);
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

function search(entries: readonly ToolEntry[], query: string, limit?: number) {
  const words = terms(query);
  // An empty query is a request for the whole list; a real query gets the best few.
  const most = limit ?? (words.length ? DEFAULT_MATCHES : entries.length);
  const ranked = entries
    .map((entry, index) => ({ entry, index, score: words.length ? score(entry, words) : 1 }))
    .filter((row) => row.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const result = ranked.slice(0, most).map(({ entry }) => ({
    name: entry.tool.name,
    title: toolTitle(entry.tool),
    summary: summary(entry.definition.description),
    access: entry.tool.access,
  }));
  const hint = ranked.length
    ? undefined
    : `No tool matched. Try other words (ticket, message, order, tracking, note, template, tag, contact) or an empty query to list all ${entries.length} tools.`;
  return { result, total: ranked.length, ...(hint ? { hint } : {}) };
}

/** call_tool is as safe as the least safe tool it can run (MCP tool annotations are hints). */
function callAnnotations(entries: readonly ToolEntry[]): ToolAnnotations {
  const hints = entries.map((entry) => entry.tool.operation.annotations);
  return {
    title: "Call an eDesk tool",
    readOnlyHint: hints.every((hint) => hint.readOnlyHint),
    destructiveHint: hints.some((hint) => hint.destructiveHint),
    idempotentHint: hints.every((hint) => hint.idempotentHint),
    openWorldHint: true,
  };
}

const LOCAL = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

function definition(name: keyof typeof INPUTS, title: string, description: string): Tool {
  const inputSchema = asObjectSchema(toJsonSchema(INPUTS[name]));
  if (!inputSchema) throw new Error(`${name}: input schema is not an object`);
  return { name, title, description, inputSchema, annotations: { title, ...LOCAL } };
}

/** The three tools listed in discovery mode, for the tools this server's config includes. */
export function discoveryDefinitions(entries: readonly ToolEntry[]): Tool[] {
  const search = definition(
    SEARCH_TOOLS,
    "Search eDesk tools",
    `Find tools of this eDesk server (${entries.length} available) by words; returns names with one-line summaries. ` +
      "Next: get_tool_schema for a tool's arguments, then call_tool to run it.",
  );
  search.outputSchema = asObjectSchema(toJsonSchema(SEARCH_OUTPUT));
  const schema = definition(
    GET_TOOL_SCHEMA,
    "Get an eDesk tool's schema",
    "Full description and input schema (arguments) of one tool named by search_tools.",
  );
  const call = definition(
    CALL_TOOL,
    "Call an eDesk tool",
    "Run one tool named by search_tools with its arguments (see get_tool_schema); returns that tool's own result, errors included.",
  );
  call.annotations = callAnnotations(entries);
  return [search, schema, call];
}

/** What the discovery tools need from their tool set. */
export interface DiscoveryHost {
  entries: readonly ToolEntry[];
  find(name: string): ToolEntry | undefined;
  run(entry: ToolEntry, args: unknown): Promise<CallToolResult>;
}

function unknownTool(name: string): CallToolResult {
  return errorResult(
    `No tool named "${name.slice(0, 64)}" on this server (it does not exist or this server's configuration leaves it out). ` +
      "Find tool names with search_tools, read a tool's arguments with get_tool_schema, then run it with call_tool.",
  );
}

/** Runs a discovery tool; `name` must be one of the three. */
export async function callDiscovery(
  name: keyof typeof INPUTS,
  args: unknown,
  host: DiscoveryHost,
): Promise<CallToolResult> {
  const schema = INPUTS[name];
  const checked = validateArgs(schema, args, Object.keys(schema.shape));
  if (!checked.ok) return errorResult(invalidArgsText(name, checked.problems));
  const value = checked.value;
  if (name === SEARCH_TOOLS) {
    return successResult(
      search(host.entries, String(value.query ?? ""), value.limit as number | undefined),
    );
  }
  const entry = host.find(String(value.name));
  if (!entry) return unknownTool(String(value.name));
  if (name === GET_TOOL_SCHEMA) return successResult({ ...entry.definition });
  return host.run(entry, value.arguments ?? {});
}

/** The argument names a discovery tool declares. */
export function discoveryArgNames(name: keyof typeof INPUTS): string[] {
  return Object.keys(INPUTS[name].shape);
}

/** Whether a name is one of the discovery tools. */
export function isDiscoveryTool(name: string): name is keyof typeof INPUTS {
  return name === SEARCH_TOOLS || name === GET_TOOL_SCHEMA || name === CALL_TOOL;
}
