// @ts-check
import { accountPath, api, ApiError } from "../api.js";
import { h, loading } from "../dom.js";
import { href } from "../router.js";
import { errorState } from "../states.js";

/** @typedef {import("./account-actions.js").Account} Account */

/**
 * "Integrated accounts › Acme › …" with the last item as the current page.
 * @param {Array<[string, string] | string>} items links as [label, href], the current page as text
 */
export function breadcrumb(items) {
  return h(
    "nav",
    { "aria-label": "Breadcrumb", class: "breadcrumb" },
    h(
      "ol",
      {},
      items.map((item) =>
        h(
          "li",
          {},
          typeof item === "string"
            ? h("span", { "aria-current": "page" }, item)
            : h("a", { href: item[1] }, item[0]),
        ),
      ),
    ),
  );
}

/**
 * Loads an account for a page about it. On failure the view says why (a deleted account gets a
 * way back to the list) and null is returned.
 * @param {HTMLElement} view
 * @param {string} accountId
 * @param {() => void} retry
 * @returns {Promise<Account | null>}
 */
export async function loadAccount(view, accountId, retry) {
  const wait = loading("the account");
  view.append(wait);
  try {
    return await api("GET", accountPath(accountId));
  } catch (error) {
    view.append(
      breadcrumb([["Integrated accounts", href.accounts()], "Not found"]),
      h("h1", { tabindex: "-1" }, "Account not available"),
      error instanceof ApiError && error.status === 404
        ? h(
            "p",
            { class: "error-state", role: "alert" },
            "This integrated account does not exist; it may have been deleted. ",
            h("a", { href: href.accounts() }, "Back to integrated accounts"),
          )
        : errorState(error, retry),
    );
    return null;
  } finally {
    wait.remove();
  }
}

/**
 * The account page's heading and its tabs (links, so each tab has its own address).
 * @param {Account} account
 * @param {"servers" | "settings"} active
 */
export function accountHeader(account, active) {
  const tab = (/** @type {"servers" | "settings"} */ name, /** @type {string} */ label) =>
    h(
      "a",
      {
        href: name === "servers" ? href.servers(account.id) : href.settings(account.id),
        class: "tab",
        "aria-current": name === active ? "page" : false,
      },
      label,
    );
  return [
    breadcrumb([["Integrated accounts", href.accounts()], account.name]),
    h(
      "div",
      { class: "title-row" },
      h("h1", { tabindex: "-1" }, account.name),
      h("span", { class: "badge" }, "eDesk"),
    ),
    h(
      "nav",
      { class: "tabs", "aria-label": "Account sections" },
      tab("servers", "MCP Servers"),
      tab("settings", "Settings"),
    ),
  ];
}
