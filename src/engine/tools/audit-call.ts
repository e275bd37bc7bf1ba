import { isRecord } from "../../lib/encoding/json";
import { CALL_TOOL, discoveryArgNames, isDiscoveryTool } from "./discovery";
import type { ToolSet } from "./toolset";

/** What the audit trail records about a call: the tool and the argument names it declares. */
export interface AuditedCall {
  tool: string;
  argument_keys: string[];
}

type Args = Record<string, unknown>;

const asArgs = (value: unknown): Args => (isRecord(value) ? value : {});

const declaredKeys = (args: Args, declared: readonly string[]) =>
  Object.keys(args)
    .filter((key) => declared.includes(key))
    .sort();

/**
 * The audit view of a call. Only argument names the tool declares are kept: the names of a
 * call that fails validation are the caller's free text, and recording them let one caller
 * fill the trail with megabytes per row. The trail bounds count and length on top (audit.ts).
 *
 * In discovery mode `call_tool` is audited as the tool it runs, with that tool's argument
 * names: otherwise a delete would show as `call_tool {arguments, name}`, like a search. A name
 * the configuration does not select is audited as called, with no argument names.
 */
export function auditedCall(set: ToolSet, name: string, args: unknown): AuditedCall {
  const given = asArgs(args);
  if (!set.discovery || !isDiscoveryTool(name)) return catalogCall(set, name, given);
  if (name === CALL_TOOL && typeof given.name === "string") {
    return catalogCall(set, given.name, asArgs(given.arguments));
  }
  return { tool: name, argument_keys: declaredKeys(given, discoveryArgNames(name)) };
}

function catalogCall(set: ToolSet, name: string, args: Args): AuditedCall {
  return { tool: name, argument_keys: declaredKeys(args, set.find(name)?.argNames ?? []) };
}

/** Whether the server's config lets a tool of this (audited) name run at all. */
export function configAllows(set: ToolSet, tool: string): boolean {
  return set.has(tool) || (set.discovery && isDiscoveryTool(tool));
}
