import { z } from "zod";

/** The kinds of personal data `config.redact` may mask (docs/architecture.md "Newer contracts"). */
export const PII_KINDS = ["email", "phone", "address", "name"] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/**
 * What a model field carries: one kind of personal data, or `text`, free text written by people
 * (message bodies, notes, subjects) that may contain emails and phone numbers anywhere.
 */
export type Sensitivity = PiiKind | "text";

/** The fields of the output models that carry personal data, keyed by their zod schema. */
export const sensitivity = z.registry<{ pii: Sensitivity }>();

/**
 * Declares, next to a model field, what personal data it carries; the redaction of tool results
 * (engine/tools/redact.ts) reads it from here. Returns a copy of the schema marked with the kind: the
 * shared scalar schemas of the models (`str`, `num`) must not carry it everywhere they are used.
 */
export function pii<T extends z.ZodType>(kind: Sensitivity, schema: T): T {
  const own = schema.clone();
  sensitivity.add(own, { pii: kind });
  return own;
}
