import { z } from "zod";
import type { Operation } from "./define";

/**
 * The flat argument object of a tool: every field (optional unless `required`), unknown keys
 * rejected, and the operation's cross-field `check` as refinements. `extra` adds arguments the
 * engine owns (e.g. `limit` and `next_cursor` of list tools); `buildCatalog` guarantees that
 * they never collide with a field. Refinements do not show in `z.toJSONSchema`, which is why
 * descriptions state the same rules.
 */
export function inputSchema(
  operation: Operation,
  extra: Record<string, z.ZodType> = {},
): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(operation.fields)) {
    shape[name] = field.required ? field.schema : field.schema.optional();
  }
  const object = z.strictObject({ ...shape, ...extra });
  const { check } = operation;
  if (!check) return object;
  // The rules run even when a field has a type error, so one answer names every problem and
  // the model corrects them all at once; `check` functions only compare values, never trust types.
  return object.check(
    z.superRefine(
      (args: Record<string, unknown>, ctx) => {
        for (const message of check(args)) ctx.addIssue({ code: "custom", message });
      },
      { when: (payload) => typeof payload.value === "object" && payload.value !== null },
    ),
  );
}
