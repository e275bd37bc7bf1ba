import type { z } from "zod";

/** Validated arguments, or one line per problem, each naming the argument and why. */
export type ArgsCheck =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problems: string[] };

/** `contact.email`, `attachments[0].name`; the whole object is "arguments". */
function fieldPath(path: readonly PropertyKey[]): string {
  if (!path.length) return "arguments";
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i ? "." : ""}${String(key)}`))
    .join("");
}

function describeIssue(issue: z.core.$ZodIssue, known: readonly string[]): string[] {
  const where = fieldPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const takes = issue.path.length
      ? ""
      : ` (this tool takes: ${known.join(", ") || "no arguments"})`;
    return issue.keys.map(
      (key) => `${where === "arguments" ? key : `${where}.${key}`}: unknown argument${takes}`,
    );
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return [`${where}: required (${issue.expected})`];
  }
  // Cross-field rules (Operation.check) are reported on the whole object in their own words.
  if (issue.code === "custom" && !issue.path.length) return [issue.message];
  return [`${where}: ${issue.message}`];
}

/**
 * Validates tool arguments with the tool's zod schema (the one the JSON Schema came from,
 * docs/architecture.md §3). On failure, every problem is listed so a model can fix all of them at once.
 */
export function validateArgs(
  schema: z.ZodType,
  args: unknown,
  known: readonly string[],
): ArgsCheck {
  const parsed = schema.safeParse(args ?? {}, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data as Record<string, unknown> };
  return {
    ok: false,
    problems: parsed.error.issues.flatMap((issue) => describeIssue(issue, known)),
  };
}

/** The text of an `isError` result for bad arguments (docs/architecture.md §3: nothing reaches eDesk). */
export function invalidArgsText(tool: string, problems: readonly string[]): string {
  return (
    `Invalid arguments for ${tool}; nothing was sent to eDesk.\n` +
    problems.map((line) => `- ${line}`).join("\n") +
    "\nCorrect these arguments (the tool's input schema lists each one) and call again."
  );
}
