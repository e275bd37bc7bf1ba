import { z } from "zod";
import { ACCOUNT_ID } from "../tokens/token";

/** Bounds of what a caller controls: a key's name, its accounts, and how many keys exist. */
export const MAX_KEY_NAME = 100;
export const MAX_KEY_ACCOUNTS = 50;
export const MAX_KEYS = 200;

export const keyScope = z
  .enum(["admin", "mcp"])
  .describe("admin: the admin API. mcp: only the MCP credential of the named accounts' servers.");

export const createKeySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(MAX_KEY_NAME),
    scope: keyScope,
    account_ids: z
      .array(z.string().regex(ACCOUNT_ID, "must be an integrated account id (acc_…)"))
      .min(1)
      .max(MAX_KEY_ACCOUNTS)
      .refine((ids) => new Set(ids).size === ids.length, "must not repeat an id")
      .optional()
      .describe("mcp keys only: the accounts whose servers accept the key. Absent: all accounts."),
  })
  .refine((body) => body.scope === "mcp" || body.account_ids === undefined, {
    message: "An admin key covers every account: account_ids is for mcp keys only.",
    path: ["account_ids"],
  });

export const keyView = z.object({
  id: z.string(),
  name: z.string(),
  scope: keyScope,
  account_ids: z.array(z.string()).nullable().describe("null: every account."),
  created_at: z.string(),
});

export type KeyScope = z.infer<typeof keyScope>;
export type KeyView = z.infer<typeof keyView>;
export type CreateKeyBody = z.infer<typeof createKeySchema>;
