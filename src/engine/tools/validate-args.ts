import type { z } from "zod";

/** Validated arguments, or one line per problem, each naming the argument and why. */
export type ArgsCheck =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problems: string[] };

// Bounds on the error text, whose parts come from the caller: a 936 KB call with thousands of
// unknown keys, each echoed with the tool's argument list, was answered with 1.38 MB. The text
// stays a few KB whatever the call, and still names enough for a model to correct it.

/** Unknown argument names listed per object; the rest are counted. */
export const MAX_UNKNOWN_NAMED = 5;
/** A caller-sent name (an unknown key, a path segment) is cut to this many characters. */
export const MAX_NAME_CHARS = 64;
/** Problems listed per call; the rest are counted. */
export const MAX_PROBLEMS = 10;
/** One problem line is cut to this many characters (the longest argument list is ~330). */
const MAX_LINE_CHARS = 1_000;

/** A caller-sent name as the error text shows it: cut, with `…` when it was longer. */
export function shownName(name: string): string {
  return name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS)}…` : name;
}

const cutLine = (line: string) =>
  line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;

/** `contact.email`, `attachments[0].name`; the whole object is "arguments". */
function fieldPath(path: readonly PropertyKey[]): string {
  if (!path.length) return "arguments";
  return path
    .map((key, i) =>
      typeof key === "number" ? `[${key}]` : `${i ? "." : ""}${shownName(String(key))}`,
    )
    .join("");
}

function describeIssue(issue: z.core.$ZodIssue, known: readonly string[]): string[] {
  const where = fieldPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const takes = issue.path.length
      ? ""
      : ` (this tool takes: ${known.join(", ") || "no arguments"})`;
    const named = issue.keys.slice(0, MAX_UNKNOWN_NAMED).map((key, i) => {
      const name = where === "arguments" ? shownName(key) : `${where}.${shownName(key)}`;
      // The argument list once, on the first line: repeated per key it was most of the text.
      return `${name}: unknown argument${i === 0 ? takes : ""}`;
    });
    const more = issue.keys.length - named.length;
    return more > 0 ? [...named, `${more} more unknown arguments not listed`] : named;
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
  const { issues } = parsed.error;
  // Each issue gives at least one line, so the first MAX_PROBLEMS issues give enough lines.
  const lines = issues.slice(0, MAX_PROBLEMS).flatMap((issue) => describeIssue(issue, known));
  const problems = lines.slice(0, MAX_PROBLEMS).map(cutLine);
  const more = lines.length - problems.length + Math.max(0, issues.length - MAX_PROBLEMS);
  if (more > 0) problems.push(`${more} more problems not listed`);
  return { ok: false, problems };
}

/** The text of an `isError` result for bad arguments (docs/architecture.md §3: nothing reaches eDesk). */
export function invalidArgsText(tool: string, problems: readonly string[]): string {
  return (
    `Invalid arguments for ${tool}; nothing was sent to eDesk.\n` +
    problems.map((line) => `- ${line}`).join("\n") +
    "\nCorrect these arguments (the tool's input schema lists each one) and call again."
  );
}
