// @ts-check
import { api, messageOf } from "../api.js";
import { announce, h, loading } from "../dom.js";
import { time } from "../format.js";
import { href } from "../router.js";
import { emptyState, errorState, srOnly } from "../states.js";
import { budgetText, changeBudget, deleteAccount, rotateToken } from "./account-actions.js";
import { connectForm } from "./connect-form.js";

/** @typedef {import("./account-actions.js").Account} Account */

/**
 * The integrated accounts page: the list, "Connect eDesk account", rotate and delete.
 * @param {HTMLElement} view
 */
export async function renderAccounts(view) {
  const notice = h("p", { class: "notice success", tabindex: "-1", hidden: true });
  const listRegion = h("div", { class: "list-region" });
  const panel = h("section", { id: "connect-panel", class: "card panel", hidden: true });
  const openButton = h(
    "button",
    {
      type: "button",
      class: "button primary",
      "aria-expanded": "false",
      "aria-controls": "connect-panel",
      onclick: () => togglePanel(true),
    },
    "Connect eDesk account",
  );

  const connect = connectForm({
    onConnected: (account) => {
      togglePanel(false);
      notice.textContent = `Connected “${account.name}”. Open it to create MCP servers.`;
      notice.hidden = false;
      notice.focus();
      announce(notice.textContent);
      void load();
    },
    onCancel: () => {
      togglePanel(false);
      openButton.focus();
    },
  });
  panel.append(connect.form);

  /** @param {boolean} open */
  function togglePanel(open) {
    panel.hidden = !open;
    openButton.setAttribute("aria-expanded", String(open));
    if (open) {
      notice.hidden = true;
      connect.focus();
    }
  }

  /** @param {Account} account */
  const row = (account) =>
    h(
      "tr",
      {},
      h(
        "td",
        { "data-label": "Name" },
        h("a", { href: href.servers(account.id), class: "strong" }, account.name),
      ),
      h("td", { "data-label": "ID" }, h("code", {}, account.id)),
      h("td", { "data-label": "Connected" }, time(account.created_at)),
      h("td", { "data-label": "Budget" }, budgetText(account)),
      h(
        "td",
        { class: "row-actions" },
        h(
          "button",
          {
            type: "button",
            class: "button small",
            onclick: async () => {
              if (await rotateToken(account)) void load();
            },
          },
          "Rotate token",
          srOnly(` of ${account.name}`),
        ),
        h(
          "button",
          {
            type: "button",
            class: "button small",
            onclick: async () => {
              if (await changeBudget(account)) void load();
            },
          },
          "Budget",
          srOnly(` of ${account.name}`),
        ),
        h(
          "button",
          {
            type: "button",
            class: "button small danger-outline",
            onclick: async () => {
              if (await deleteAccount(account)) void load();
            },
          },
          "Delete",
          srOnly(` ${account.name}`),
        ),
      ),
    );

  /** @param {Account[]} accounts @param {string | null} cursor */
  const table = (accounts, cursor) => {
    const body = h("tbody", {}, accounts.map(row));
    const more = h(
      "button",
      {
        type: "button",
        class: "button",
        onclick: async () => {
          more.disabled = true;
          try {
            const page = await api(
              "GET",
              `/api/integrated-account?next_cursor=${encodeURIComponent(cursor ?? "")}`,
            );
            body.append(...page.result.map(row));
            if (page.next_cursor) cursor = page.next_cursor;
            else more.remove();
          } catch (error) {
            announce(`Could not load more accounts: ${messageOf(error)}`);
          } finally {
            more.disabled = false;
          }
        },
      },
      "Load more",
    );
    return [
      h(
        "table",
        { class: "data" },
        h("caption", { class: "visually-hidden" }, "Integrated accounts"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Name", "ID", "Connected", "Budget"].map((label) => h("th", { scope: "col" }, label)),
            h("th", { scope: "col" }, srOnly("Actions")),
          ),
        ),
        body,
      ),
      ...(cursor ? [more] : []),
    ];
  };

  async function load() {
    listRegion.setAttribute("aria-busy", "true");
    if (!listRegion.firstChild) listRegion.append(loading("accounts"));
    try {
      const page = await api("GET", "/api/integrated-account");
      listRegion.replaceChildren(
        ...(page.result.length
          ? table(page.result, page.next_cursor)
          : [
              emptyState(
                "No integrated accounts yet",
                "Connect an eDesk account with its API token; then create MCP servers for it.",
              ),
            ]),
      );
    } catch (error) {
      listRegion.replaceChildren(errorState(error, () => void load()));
    } finally {
      listRegion.removeAttribute("aria-busy");
    }
  }

  view.append(
    h(
      "div",
      { class: "page-head" },
      h("h1", { tabindex: "-1" }, "Integrated accounts"),
      openButton,
    ),
    h(
      "p",
      { class: "lead" },
      "Each account holds one eDesk API token. Its MCP servers hand that access out as secret URLs.",
    ),
    notice,
    panel,
    listRegion,
  );
  await load();
}
