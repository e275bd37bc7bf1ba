// @ts-check
import { h } from "../dom.js";
import { time } from "../format.js";
import { href } from "../router.js";
import { deleteAccount, rotateToken } from "./account-actions.js";
import { accountHeader, loadAccount } from "./account-shell.js";

/**
 * The account page's Settings tab: its details, rotate token, delete.
 * @param {HTMLElement} view
 * @param {{ accountId: string }} route
 */
export async function renderSettings(view, { accountId }) {
  const account = await loadAccount(view, accountId, () => {
    view.replaceChildren();
    void renderSettings(view, { accountId });
  });
  if (!account) return;
  view.append(
    ...accountHeader(account, "settings"),
    h(
      "section",
      { class: "tab-panel", "aria-labelledby": "settings-heading" },
      h("h2", { id: "settings-heading" }, "Settings"),
      h(
        "dl",
        { class: "details" },
        h("dt", {}, "ID"),
        h("dd", {}, h("code", {}, account.id)),
        h("dt", {}, "Integration"),
        h("dd", {}, "eDesk"),
        h("dt", {}, "Connected"),
        h("dd", {}, time(account.created_at)),
      ),
      h("h3", {}, "API token"),
      h("p", {}, "The stored token is never shown. Replace it when it is rotated in eDesk."),
      h(
        "button",
        { type: "button", class: "button", onclick: () => rotateToken(account) },
        "Rotate token",
      ),
      h("h3", {}, "Delete account"),
      h("p", {}, "Deleting the account revokes all of its MCP servers at once."),
      h(
        "button",
        {
          type: "button",
          class: "button danger",
          onclick: async () => {
            if (await deleteAccount(account)) location.hash = href.accounts();
          },
        },
        "Delete account",
      ),
    ),
  );
}
