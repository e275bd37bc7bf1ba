import type { MethodKind } from "./define";

// GUESS: the whole naming rule is INFERRED (docs/edesk-api.md §4) from Truto's published examples
// and the tool names the product requires; docs/architecture.md §1 fixes it as our contract.

/**
 * The integration's display name "eDesk" snake-cased at its case boundary, as Truto names
 * tools (`list_all_desk_365_tickets` for "Desk365").
 */
export const INTEGRATION = "e_desk";

/** What MCP clients and model APIs accept as a tool name. */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** Custom verbs, like resource names, are lower snake_case. */
export const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

// Irregular last words. `data` → `datum` is what an English inflector gives and what the
// required tool name `update_a_e_desk_ticket_datum_by_id` shows (docs/edesk-api.md §4).
const IRREGULAR: Record<string, string> = { data: "datum" };

/**
 * Singular of a snake_case resource name; only the last word changes
 * (`sales_order_tracking_links` → `sales_order_tracking_link`). Covers the plurals the
 * catalog uses; a name that is not a plural (`whoami`) stays as it is.
 */
export function singularize(name: string): string {
  const cut = name.lastIndexOf("_");
  const head = name.slice(0, cut + 1);
  const word = name.slice(cut + 1);
  return head + singularWord(word);
}

function singularWord(word: string): string {
  if (IRREGULAR[word]) return IRREGULAR[word];
  if (/[^aeiou]ies$/.test(word)) return word.slice(0, -3) + "y";
  if (/(ss|us|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * The tool name of a resource method (docs/architecture.md §1; docs/edesk-api.md §4, INFERRED from Truto):
 * `list_all_e_desk_<resources>`, `get_single_e_desk_<singular>_by_id`,
 * `create_a_e_desk_<singular>`, `update_a_e_desk_<singular>_by_id`,
 * `delete_a_e_desk_<singular>_by_id`, custom `<verb>_e_desk_<resource>`.
 */
export function toolName(resource: string, method: MethodKind, custom?: string): string {
  const one = singularize(resource);
  switch (method) {
    case "list":
      return `list_all_${INTEGRATION}_${resource}`;
    case "get":
      return `get_single_${INTEGRATION}_${one}_by_id`;
    case "create":
      return `create_a_${INTEGRATION}_${one}`;
    case "update":
      return `update_a_${INTEGRATION}_${one}_by_id`;
    case "delete":
      return `delete_a_${INTEGRATION}_${one}_by_id`;
    case "custom":
      if (!custom) throw new Error(`custom method of ${resource} has no verb`);
      return `${custom}_${INTEGRATION}_${resource}`;
  }
}
