// @ts-check
import { accountPath, api } from "../api.js";
import { announce, h } from "../dom.js";
import { openDialog } from "../dialog.js";

/**
 * @typedef {{ id: string, name: string, integration: string, created_at: string }} Account
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
