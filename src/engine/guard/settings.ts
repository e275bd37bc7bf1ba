// The guard rails' settings and their fixed numbers (README "Guard rails"): who confirms what,
// how many calls a server and an account may make, and when a repeated call is a loop.

/** `config.confirm`: which calls a person confirms through the client before they run. */
export const CONFIRM_MODES = ["off", "customer_visible", "writes"] as const;
export type ConfirmMode = (typeof CONFIRM_MODES)[number];

/** `config.max_calls_per_minute` of one MCP server: at most this. */
export const MAX_SERVER_BUDGET = 600;

/**
 * An account's budget when none is set: just under eDesk's documented 2 requests a second
 * (docs/edesk-api.md §3, 120 a minute), so the servers' own traffic never earns the account a 429.
 */
export const DEFAULT_ACCOUNT_BUDGET = 110;
export const MIN_ACCOUNT_BUDGET = 10;
export const MAX_ACCOUNT_BUDGET = 60_000;

/** The loop guard refuses a call made more than LOOP_LIMIT times within LOOP_WINDOW_MS. */
export const LOOP_LIMIT = 5;
export const LOOP_WINDOW_MS = 60_000;

/** The guard-rail fields of a server's `config` (src/edge/admin/schemas.ts). */
export interface GuardConfig {
  confirm?: ConfirmMode;
  max_calls_per_minute?: number;
  loop_guard?: boolean;
}

/** The account's budget in force: its own, the default when it never set one, null for none. */
export function accountBudget(stored: number | null | undefined): number | null {
  return stored === undefined ? DEFAULT_ACCOUNT_BUDGET : stored;
}
