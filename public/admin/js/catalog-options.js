// @ts-check
/**
 * @typedef {{ name: string, description: string, method: string, resource: string, tags: string[] }} ToolPreview
 */

const STANDARD = ["list", "get", "create", "update", "delete"];

/** The method groups of `config.methods` (docs/architecture.md §1) with what each stands for. */
export const METHOD_GROUPS = [
  { value: "read", label: "Read", hint: "list and get, and read-only actions" },
  { value: "write", label: "Write", hint: "create, update and delete, and other changes" },
];

/**
 * The values a server config can name, read off the unfiltered tool list: every tool carries its
 * `method` (a CRUD kind or a custom verb such as `add`) and its `tags`.
 * @param {ToolPreview[]} tools
 * @returns {{ methods: string[], tags: string[] }}
 */
export function catalogOptions(tools) {
  const methods = new Set(tools.map((tool) => tool.method));
  const custom = [...methods].filter((method) => !STANDARD.includes(method)).sort();
  return {
    methods: [...STANDARD.filter((method) => methods.has(method)), ...custom],
    tags: [...new Set(tools.flatMap((tool) => tool.tags))].sort(),
  };
}

/**
 * The query string of `GET …/tools` for a config: omitted lists do not filter.
 * @param {{ methods?: string[], tags?: string[] }} config
 */
export function toolsQuery(config) {
  const params = new URLSearchParams();
  if (config.methods?.length) params.set("methods", config.methods.join(","));
  if (config.tags?.length) params.set("tags", config.tags.join(","));
  const query = params.toString();
  return query ? `?${query}` : "";
}
