import type { CatalogTool } from "../catalog/index";

/**
 * The refusal text when validated arguments hit the tool's `customerVisible` rule, else
 * undefined. Such a write reaches customers without the explicit `send: true` that a reply
 * needs, so it is refused by default; a per-server confirmation setting can later pass
 * `allowed` here.
 */
export function customerVisibleRefusal(
  tool: CatalogTool,
  args: Record<string, unknown>,
  allowed = false,
): string | undefined {
  const rule = tool.operation.customerVisible;
  if (!rule || allowed) return undefined;
  const hits = Object.entries(rule.when).every(([name, values]) => values.includes(args[name]));
  if (!hits) return undefined;
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
