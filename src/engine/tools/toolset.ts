import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { BoundedMap } from "../../lib/collections/bounded-map";
import { CATALOG_VERSION, catalogTools, type CatalogTool } from "../../catalog/index";
import { selectTools, type ToolConfig } from "../../catalog/select";
import { callDiscovery, discoveryDefinitions, isDiscoveryTool } from "./discovery";
import { entryFor, type ToolEntry } from "./entry";
import { executeTool, type CallContext } from "./execute";
import type { PiiKind } from "../../catalog/pii";

export type { CallContext, UpstreamInfo } from "./execute";

/** An MCP server's tool configuration (docs/architecture.md §1 `config`). */
export interface ServerToolConfig extends ToolConfig {
  /** `all` (default): every selected tool is listed; `discovery`: only the three meta tools. */
  tool_exposure?: "all" | "discovery";
  /** Personal data masked in every tool result (redact.ts). */
  redact?: readonly PiiKind[];
}

/** The tools one configuration exposes, computed once and shared by every session using it. */
export interface ToolSet {
  /** For `tools/list`, in catalog order. Shared by every session: do not mutate. */
  readonly tools: Tool[];
  /** The catalog tools the config selects (what `call_tool` may run), whatever the exposure. */
  readonly names: readonly string[];
  /** Whether the config selects a catalog tool of this name. */
  has(name: string): boolean;
  /** The selected catalog tool of this name, if any. */
  find(name: string): ToolEntry | undefined;
  /** Whether the three discovery tools are listed (and callable) instead of the catalog. */
  readonly discovery: boolean;
  /**
   * Runs a tool. Throws JSON-RPC -32602 for a name this set does not expose (MCP spec
   * "Tools › Error Handling": unknown tools are protocol errors); every other failure the model
   * can act on is an `isError` result.
   */
  call(name: string, args: unknown, ctx: CallContext): Promise<CallToolResult>;
}

/** One row of the admin API's `GET …/tools` (docs/architecture.md §1). */
export interface ToolPreview {
  name: string;
  description: string;
  method: string;
  resource: string;
  tags: readonly string[];
}

/** Builds the tool set of a config from the given catalog tools (tests pass fixtures). */
export function createToolSet(tools: readonly CatalogTool[], config: ServerToolConfig): ToolSet {
  const entries = selectTools(tools, config).map(entryFor);
  const byName = new Map(entries.map((entry) => [entry.tool.name, entry]));
  const allows = (name: string) => byName.has(name);
  const discovery = config.tool_exposure === "discovery";
  const listed: Tool[] = discovery
    ? discoveryDefinitions(entries)
    : entries.map((entry) => entry.definition);

  const redact = config.redact?.length ? config.redact : undefined;
  const run = (entry: ToolEntry, args: unknown, ctx: CallContext) =>
    executeTool(entry, args, redact ? { ...ctx, redact } : ctx, allows);

  return {
    tools: listed,
    names: entries.map((entry) => entry.tool.name),
    has: allows,
    find: (name) => byName.get(name),
    discovery,
    async call(name, args, ctx) {
      if (discovery && isDiscoveryTool(name)) {
        return callDiscovery(name, args, {
          entries,
          find: (inner) => byName.get(inner),
          run: (entry, inner) => run(entry, inner, ctx),
        });
      }
      // In discovery mode a selected tool called by its own name runs too: the config allows
      // it, and refusing would only cost the model a round trip through call_tool.
      const entry = byName.get(name);
      if (!entry) throw new UnknownToolError(name);
      return run(entry, args, ctx);
    },
  };
}

const MAX_CACHED = 64;
const cache = new BoundedMap<string, ToolSet>(MAX_CACHED);

// selectTools treats an absent and an empty list alike (no filter), so they share a key.
function sortedSet(values: readonly string[] | undefined): string[] | null {
  return values?.length ? [...new Set(values)].sort() : null;
}

/** The cache key of a config: order, duplicates and empty lists in `methods`/`tags` do not matter. */
export function configKey(config: ServerToolConfig): string {
  return JSON.stringify([
    CATALOG_VERSION,
    sortedSet(config.methods),
    sortedSet(config.tags),
    config.tool_exposure ?? "all",
    sortedSet(config.redact),
  ]);
}

/**
 * The tool set of a config over the real catalog, memoised per isolate by
 * (catalog version, canonical config) in a small LRU map (docs/architecture.md §2).
 */
export function toolSetFor(config: ServerToolConfig): ToolSet {
  const key = configKey(config);
  const hit = cache.get(key);
  if (hit) return hit;
  const set = createToolSet(catalogTools(), config);
  cache.set(key, set);
  return set;
}

/** The catalog tools a config selects, for the admin API (exposure does not matter there). */
export function previewTools(config: ToolConfig): ToolPreview[] {
  return selectTools(catalogTools(), config).map((tool) => ({
    name: tool.name,
    description: entryFor(tool).definition.description ?? "",
    method: tool.operation.custom ?? tool.operation.method,
    resource: tool.resource.name,
    tags: tool.tags,
  }));
}

/** Names of the catalog tools a config selects (empty: the config matches no tool). */
export function toolNames(config: ToolConfig): string[] {
  return selectTools(catalogTools(), config).map((tool) => tool.name);
}

/**
 * A call of a tool this server does not list. The MCP layer answers it as JSON-RPC -32602 (not
 * an `isError` result): the spec treats an unknown tool as a protocol error.
 */
export class UnknownToolError extends Error {
  constructor(name: string) {
    super(`Unknown tool: ${name.slice(0, 100)}`);
    this.name = "UnknownToolError";
  }
}
