import type { ToolSet } from "./toolset";

/** What the audit trail records about a call: the tool and the argument names it declares. */
export interface AuditedCall {
  tool: string;
  argument_keys: string[];
}

const keysOf = (args: unknown): string[] =>
  typeof args === "object" && args !== null && !Array.isArray(args) ? Object.keys(args) : [];

/**
 * The audit view of a call. Only argument names the tool declares are kept: the names of a
 * call that fails validation are the caller's free text, and recording them let one caller
 * fill the trail with megabytes per row. The trail bounds count and length on top (audit.ts).
 */
export function auditedCall(set: ToolSet, name: string, args: unknown): AuditedCall {
  const declared = set.find(name)?.argNames ?? [];
  return {
    tool: name,
    argument_keys: keysOf(args)
      .filter((key) => declared.includes(key))
      .sort(),
  };
}
