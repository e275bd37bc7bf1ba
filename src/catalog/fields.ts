import { z } from "zod";
import type { FieldSpec, ToolAnnotations } from "./define";

// Shared building blocks for the resource files: argument schemas and annotation sets.

// Descriptions are what a model reads beside the argument's name and type (tools/list): they
// say what neither shows (a format, where an id comes from, a trap), and are left out where the
// name says it all (`channel_id`, the `id` of `get_single_e_desk_ticket_by_id`).

/** eDesk ids are positive integers (docs/edesk-api.md §2, §3 IDs). */
export const id = (what?: string) => {
  const schema = z.int().min(1);
  return what ? schema.describe(what) : schema;
};

/** Request datetimes are `YYYY-MM-DD HH:MM:SS`, no `T`, no zone (§3 Date formats). */
export const dateTime = (what?: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, "format YYYY-MM-DD HH:MM:SS")
    .describe(what ? `${what}, YYYY-MM-DD HH:MM:SS` : "YYYY-MM-DD HH:MM:SS");

/** List filters take `YYYY-MM-DD` (§3 Date formats). */
export const day = (what?: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "format YYYY-MM-DD")
    .describe(what ? `${what}, YYYY-MM-DD` : "YYYY-MM-DD");

export const pathId = (what?: string): FieldSpec => ({
  in: "path",
  schema: id(what),
  required: true,
});
export const query = (schema: z.ZodType): FieldSpec => ({ in: "query", schema });
export const body = (schema: z.ZodType, required = false): FieldSpec => ({
  in: "body",
  schema,
  required,
});

/** `custom_fields` on ticket and sales-order requests: `[{name, value}]` (§2.1, §2.3). */
export const customFields = z
  .array(z.strictObject({ name: z.string().min(1), value: z.string() }))
  .min(1)
  .describe("name as configured in eDesk; value must fit that field's type (else error 4018)");

/** Inline contact, the alternative to `contact_id` on ticket and sales-order create (§2.1, §2.3, §2.8). */
export const inlineContact = z
  .strictObject({
    email: z.email(),
    full_name: z.string().optional(),
    phone_number: z.string().optional(),
  })
  .describe("New or existing customer by email; use instead of contact_id");

/** A message for each argument rule: "give at least one of …". */
export function atLeastOne(keys: readonly string[]) {
  return (args: Record<string, unknown>): string[] =>
    keys.some((key) => args[key] !== undefined)
      ? []
      : [`Nothing to change: give at least one of ${keys.join(", ")}.`];
}

/** Both `contact_id` and `contact` identify the customer; sending both is ambiguous (§2.1, §2.3). */
export function notBoth(a: string, b: string) {
  return (args: Record<string, unknown>): string[] =>
    args[a] !== undefined && args[b] !== undefined ? [`Give either ${a} or ${b}, not both.`] : [];
}

// Annotation sets (MCP tool annotations). openWorldHint: every tool reaches eDesk.
export const READ: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
/** Adds a record; calling twice adds two. */
export const CREATE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};
/** Overwrites existing values; the same call twice leaves the same state. */
export const OVERWRITE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};
/** Removes (or archives) a record; repeating it changes nothing more. */
export const DELETE = OVERWRITE;
