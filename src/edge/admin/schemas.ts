import { z } from "zod";
import { PII_KINDS } from "../../catalog/pii";
import type { AccountRecord } from "../../server/accounts/account-object";
import type { ServerView } from "../../server/server-object/record";
import {
  CONFIRM_MODES,
  DEFAULT_ACCOUNT_BUDGET,
  MAX_ACCOUNT_BUDGET,
  MAX_SERVER_BUDGET,
  MIN_ACCOUNT_BUDGET,
} from "../../engine/guard/settings";

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

/**
 * The account's budget of eDesk requests per minute, all its servers together (src/engine/guard). The
 * floor leaves room for the short leases the servers take (account-budget.ts); the ceiling is
 * 1,000 a second, for accounts whose eDesk limit was raised.
 */
const accountBudget = z
  .int()
  .min(MIN_ACCOUNT_BUDGET)
  .max(MAX_ACCOUNT_BUDGET)
  .nullable()
  .describe(
    `eDesk requests per minute for all of the account's MCP servers together ` +
      `(${MIN_ACCOUNT_BUDGET}–${MAX_ACCOUNT_BUDGET}); null: no account budget. ` +
      `Default ${DEFAULT_ACCOUNT_BUDGET}, just under eDesk's documented 2 per second.`,
  );

export const createAccountSchema = z.strictObject({
  integration: z.literal("edesk"),
  name: name.optional(),
  credentials: credentialsSchema,
  max_calls_per_minute: accountBudget.optional(),
});

export const patchAccountSchema = z
  .strictObject({
    name: name.optional(),
    credentials: credentialsSchema.optional(),
    max_calls_per_minute: accountBudget.optional(),
  })
  .refine(
    (body) =>
      body.name !== undefined ||
      body.credentials !== undefined ||
      body.max_calls_per_minute !== undefined,
    { message: "Send name, credentials and/or max_calls_per_minute." },
  );

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
  confirm: z
    .enum(CONFIRM_MODES)
    .optional()
    .describe(
      "off (default), customer_visible (replies sent to customers) or writes (every tool that " +
        "is not read-only): a person confirms those calls through the client first.",
    ),
  max_calls_per_minute: z
    .int()
    .min(1)
    .max(MAX_SERVER_BUDGET)
    .optional()
    .describe(`Tool calls per minute for this server (1–${MAX_SERVER_BUDGET}). Default: no cap.`),
  loop_guard: z
    .boolean()
    .optional()
    .describe(
      "Default true: the same tool with the same arguments more than 5 times in 60 s is refused.",
    ),
  redact: z
    .array(z.enum(PII_KINDS))
    .max(PII_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, "lists a kind twice")
    .optional()
    .describe("Personal data masked in tool results: email, phone, address, name. Default: none."),
});

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

/**
 * An account as the admin API shows it: its record without credentials and server ids, with
 * the budget in force (the default when it never set one).
 */
export type AccountView = Omit<
  AccountRecord,
  "credentials" | "server_ids" | "max_calls_per_minute"
> & { max_calls_per_minute: number | null };

export type { ServerView };

// The views' schemas document the admin API (openapi.ts); `satisfies` holds them to the types
// the records own, so a field added to a record and shown by the API cannot be left out here.
export const accountView = z.object({
  id: z.string(),
  integration: z.literal("edesk"),
  name: z.string(),
  created_at: z.string(),
  max_calls_per_minute: z.int().nullable(),
}) satisfies z.ZodType<AccountView>;

export const serverView = z.object({
  id: z.string(),
  account_id: z.string(),
  name: z.string(),
  config: serverConfigSchema,
  expires_at: z.string().nullable(),
  created_at: z.string(),
}) satisfies z.ZodType<ServerView>;
