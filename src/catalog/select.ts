import type { CatalogTool } from "./index";

/** The tool filter of an MCP server (docs/architecture.md §1 `config.methods`, `config.tags`). */
export interface ToolConfig {
  methods?: readonly string[];
  tags?: readonly string[];
}

const STANDARD = ["list", "get", "create", "update", "delete"] as const;
const GROUPS = ["read", "write", "custom"] as const;

/** The method words a tool answers to: its kind or custom verb, `read`/`write`, `custom`. */
function methodWords(tool: CatalogTool): string[] {
  const { method, custom } = tool.operation;
  const words: string[] = [tool.access];
  if (method === "custom") words.push("custom", custom ?? "");
  else words.push(method);
  return words;
}

const given = (values: readonly string[] | undefined): values is readonly string[] =>
  values !== undefined && values.length > 0;

/**
 * The tools a config exposes, in catalog order. `methods`: `read` (get, list and read customs),
 * `write` (create, update, delete and write customs), `custom`, or exact method names (a custom
 * verb such as `add` included); `tags`: tools whose tags include any listed one. Both filters
 * must hold. An absent or empty list does not filter.
 */
export function selectTools(tools: readonly CatalogTool[], config: ToolConfig): CatalogTool[] {
  const { methods, tags } = config;
  return tools.filter(
    (tool) =>
      (!given(methods) || methodWords(tool).some((word) => methods.includes(word))) &&
      (!given(tags) || tool.tags.some((tag) => tags.includes(tag))),
  );
}

/** The `methods` and `tags` values that match something, for error messages and docs. */
export function describeConfigOptions(tools: readonly CatalogTool[]): {
  methods: string[];
  tags: string[];
} {
  const kinds = new Set(tools.map((tool) => tool.operation.method));
  const verbs = tools.flatMap((tool) => tool.operation.custom ?? []);
  const methods = [
    ...GROUPS.filter((group) => tools.some((tool) => methodWords(tool).includes(group))),
    ...STANDARD.filter((kind) => kinds.has(kind)),
    ...[...new Set(verbs)].sort(),
  ];
  return {
    methods: [...new Set(methods)],
    tags: [...new Set(tools.flatMap((tool) => tool.tags))].sort(),
  };
}

/** The config values that name no method or tag of these tools (empty lists: all known). */
export function validateToolConfig(
  tools: readonly CatalogTool[],
  config: ToolConfig,
): { methods: string[]; tags: string[] } {
  const known = describeConfigOptions(tools);
  return {
    methods: (config.methods ?? []).filter((value) => !known.methods.includes(value)),
    tags: (config.tags ?? []).filter((value) => !known.tags.includes(value)),
  };
}
