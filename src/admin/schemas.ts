import { z } from "zod";
import { PII_KINDS } from "../catalog/pii";

/** Minimum lead time of `expires_at` (issue 4: at least 60 s ahead). */
export const MIN_EXPIRY_LEAD_MS = 60_000;

const name = z.string().trim().min(1).max(100);

export const credentialsSchema = z.strictObject({
  api_token: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    // It travels as `Authorization: Bearer <token>`: a character a header cannot carry (a
    // newline, NUL, non-ASCII) made the check with eDesk throw, a 500.
    .regex(/^[\x20-\x7E]+$/, "must be printable ASCII, as it is sent in an HTTP header")
    .describe("eDesk API token (Bearer)."),
});

export const createAccountSchema = z.strictObject({
  integration: z.literal("edesk"),
  name: name.optional(),
  credentials: credentialsSchema,
});

export const patchAccountSchema = z
  .strictObject({ name: name.optional(), credentials: credentialsSchema.optional() })
  .refine((body) => body.name !== undefined || body.credentials !== undefined, {
    message: "Send name and/or credentials.",
  });

export const serverConfigSchema = z.strictObject({
  methods: z
    .array(z.string().trim().min(1))
    .min(1)
    .optional()
    .describe("read, write, custom, or exact method names (list, get, create, …). Default: all."),
  tags: z
    .array(z.string().trim().min(1))
    .min(1)
    .optional()
    .describe("Resource groups such as tickets or sales_orders. Default: all."),
  require_api_token_auth: z.boolean().optional(),
  tool_exposure: z.enum(["all", "discovery"]).optional(),
  redact: z
    .array(z.enum(PII_KINDS))
    .max(PII_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, "lists a kind twice")
    .optional()
    .describe("Personal data masked in tool results: email, phone, address, name. Default: none."),
});

export type ServerConfig = z.infer<typeof serverConfigSchema>;

const expiresAt = z.iso
  .datetime({ offset: true })
  .nullable()
  .describe("ISO 8601 instant; at least 60 s ahead. null removes the expiry.");

export const createServerSchema = z.strictObject({
  name,
  config: serverConfigSchema.default({}),
  expires_at: expiresAt.optional(),
});

export const patchServerSchema = z
  .strictObject({
    name: name.optional(),
    config: serverConfigSchema.optional(),
    expires_at: expiresAt.optional(),
  })
  .refine((b) => b.name !== undefined || b.config !== undefined || b.expires_at !== undefined, {
    message: "Send name, config and/or expires_at.",
  });

export const accountView = z.object({
  id: z.string(),
  integration: z.literal("edesk"),
  name: z.string(),
  created_at: z.string(),
});

export const serverView = z.object({
  id: z.string(),
  account_id: z.string(),
  name: z.string(),
  config: serverConfigSchema,
  expires_at: z.string().nullable(),
  created_at: z.string(),
});

export type AccountView = z.infer<typeof accountView>;
export type ServerView = z.infer<typeof serverView>;
