// @ts-check
import { accountPath, api } from "../api.js";
import { announce, h } from "../dom.js";
import { openDialog } from "../dialog.js";

/**
 * @typedef {{ id: string, name: string, integration: string, created_at: string,
 *   max_calls_per_minute?: number | null }} Account
 */

/**
 * Rotate the eDesk API token: eDesk checks the new token first (a rejected one keeps the old),
 * and every MCP server of the account uses the new one from its next call.
 * @param {Account} account
 */
export function rotateToken(account) {
  const input = h("input", {
    id: "rotate-token",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
    "aria-describedby": "rotate-token-hint",
  });
  return openDialog({
    title: `Rotate the API token of “${account.name}”`,
    body: [
      h(
        "div",
        { class: "field" },
        h("label", { for: "rotate-token" }, "New eDesk API token"),
        input,
      ),
      h(
        "p",
        { id: "rotate-token-hint", class: "hint" },
        "eDesk checks it before it replaces the old one. The account's MCP servers keep their URLs.",
      ),
    ],
    confirmLabel: "Rotate token",
    onConfirm: async () => {
      if (!input.value.trim()) throw new Error("Enter the new API token.");
      await api("PATCH", accountPath(account.id), {
        body: { credentials: { api_token: input.value.trim() } },
      });
      announce(`Rotated the API token of ${account.name}.`);
    },
  });
}

/** The account budget's bounds and default (src/engine/guard/settings.ts). */
export const BUDGET = { min: 10, max: 60_000, default: 110 };

/** An account budget in words: "110 requests/min", or "none". @param {Account} account */
export function budgetText(account) {
  const value =
    account.max_calls_per_minute === undefined ? BUDGET.default : account.max_calls_per_minute;
  return value === null ? "none" : `${value.toLocaleString("en-US")} requests/min`;
}

/**
 * Change the account's budget of eDesk requests per minute, all its servers together; the
 * servers use the new one from their next call.
 * @param {Account} account
 */
export function changeBudget(account) {
  const current =
    account.max_calls_per_minute === undefined ? BUDGET.default : account.max_calls_per_minute;
  const input = h("input", {
    id: "budget-value",
    type: "number",
    inputmode: "numeric",
    min: String(BUDGET.min),
    max: String(BUDGET.max),
    step: "1",
    value: current === null ? "" : String(current),
    "aria-describedby": "budget-hint",
  });
  const none = h("input", { id: "budget-none", type: "checkbox", checked: current === null });
  return openDialog({
    title: `Budget of “${account.name}”`,
    body: [
      h(
        "div",
        { class: "field" },
        h("label", { for: "budget-value" }, "eDesk requests per minute, all MCP servers together"),
        input,
      ),
      h(
        "p",
        { id: "budget-hint", class: "hint" },
        `${BUDGET.min} to ${BUDGET.max.toLocaleString("en-US")}. The default, ${BUDGET.default}, ` +
          "stays just under eDesk's documented 2 per second, so your servers never earn a 429.",
      ),
      h("div", { class: "check" }, none, h("label", { for: "budget-none" }, "No account budget")),
    ],
    confirmLabel: "Save budget",
    onConfirm: async () => {
      const value = Number(input.value);
      if (
        !none.checked &&
        !(Number.isInteger(value) && value >= BUDGET.min && value <= BUDGET.max)
      ) {
        throw new Error(
          `Enter a whole number from ${BUDGET.min} to ${BUDGET.max}, or tick No account budget.`,
        );
      }
      await api("PATCH", accountPath(account.id), {
        body: { max_calls_per_minute: none.checked ? null : value },
      });
      announce(`Saved the budget of ${account.name}.`);
    },
  });
}

/**
 * Delete with confirmation; the API revokes every MCP server of the account with it.
 * @param {Account} account
 */
export function deleteAccount(account) {
  return openDialog({
    title: `Delete “${account.name}”?`,
    body: [
      h(
        "p",
        {},
        "This also revokes every MCP server of this account at once: their URLs stop working " +
          "from the next request and cannot be restored.",
      ),
      h("p", { class: "muted" }, "The eDesk account itself is not changed."),
    ],
    confirmLabel: "Delete account and revoke its servers",
    danger: true,
    onConfirm: async () => {
      await api("DELETE", accountPath(account.id));
      announce(`Deleted ${account.name} and revoked its MCP servers.`);
    },
  });
}
