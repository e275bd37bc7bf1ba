import type { CustomerVisible } from "../../catalog/define";
import type { CatalogTool } from "../../catalog/index";

/**
 * The rule by which validated arguments make this call reach customers, or undefined when it
 * reaches none. The single place that says so: the refusal below and `config.confirm`
 * (src/engine/guard/confirm.ts) both ask here. The catalog marks the operations (`customerVisible`):
 * a reply with `send: true` (docs/edesk-api.md §2.2) and a template turned into an automatic reply.
 */
export function customerReach(
  tool: CatalogTool,
  args: Record<string, unknown>,
): CustomerVisible | undefined {
  const rule = tool.operation.customerVisible;
  if (!rule) return undefined;
  const hits = Object.entries(rule.when).every(([name, values]) => values.includes(args[name]));
  return hits ? rule : undefined;
}

/**
 * The refusal text when validated arguments make a write reach customers without the explicit
 * `send: true` a reply needs (an `automatic` rule), else undefined. `confirmable`: the server's
 * `config.confirm` covers the call, so a person is asked instead of refusing.
 */
export function customerVisibleRefusal(
  tool: CatalogTool,
  args: Record<string, unknown>,
  confirmable = false,
): string | undefined {
  const rule = customerReach(tool, args);
  if (!rule || rule.kind !== "automatic" || confirmable) return undefined;
  const given = Object.keys(rule.when)
    .map((name) => `${name} ${JSON.stringify(args[name])}`)
    .join(" and ");
  return (
    `Refused: ${tool.name} with ${given} would change what customers receive: ${rule.reason}. ` +
    "This server does not make such changes; nothing was sent to eDesk. Choose other values " +
    "(for a template: template_usage Manual or ManualAuto, or active false), or ask a person " +
    "to make this change in eDesk."
  );
}
