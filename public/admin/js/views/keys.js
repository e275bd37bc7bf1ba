// @ts-check
import { api, ApiError, messageOf } from "../api.js";
import { copyButton } from "../copy.js";
import { openDialog } from "../dialog.js";
import { announce, errorSlot, h, loading } from "../dom.js";
import { chips, time } from "../format.js";
import { emptyState, errorState, srOnly } from "../states.js";

/**
 * @typedef {{ id: string, name: string, scope: "admin" | "mcp", account_ids: string[] | null,
 *   created_at: string }} ApiKey
 */

/**
 * The API keys page: the list, "Create key" (the key is shown once, with a copy button) and
 * revoke. An mcp key is what an MCP client gets; an admin key only the operator's tools.
 * @param {HTMLElement} view
 */
export async function renderKeys(view) {
  const shown = h("div", { class: "key-shown", tabindex: "-1", hidden: true });
  const listRegion = h("div", { class: "list-region" });
  const panel = h("section", { id: "key-panel", class: "card panel", hidden: true });
  const openButton = h(
    "button",
    {
      type: "button",
      class: "button primary",
      "aria-expanded": "false",
      "aria-controls": "key-panel",
      onclick: () => togglePanel(true),
    },
    "Create key",
  );
  /** @type {Map<string, string>} */
  const accountNames = new Map();
  const create = keyForm(accountNames, {
    onCreated: (created) => {
      togglePanel(false);
      showKey(created);
      void load();
    },
    onCancel: () => {
      togglePanel(false);
      openButton.focus();
    },
  });
  panel.append(create.form);

  /** @param {boolean} open */
  function togglePanel(open) {
    panel.hidden = !open;
    openButton.setAttribute("aria-expanded", String(open));
    if (open) {
      shown.hidden = true;
      shown.replaceChildren();
      create.focus();
    }
  }

  /** The one time a key is visible: only its hash is stored. @param {ApiKey & { key: string }} created */
  function showKey(created) {
    const input = h("input", {
      id: "new-key",
      type: "text",
      readonly: true,
      value: created.key,
      spellcheck: "false",
      "aria-describedby": "new-key-warning",
      onfocus: (/** @type {FocusEvent} */ event) =>
        /** @type {HTMLInputElement} */ (event.target).select(),
    });
    shown.replaceChildren(
      h(
        "div",
        { class: "notice warning", id: "new-key-warning" },
        h("strong", {}, `Key “${created.name}” created. Copy it now: it is shown only once. `),
        "Only its hash is stored; if it is lost, revoke it and create another.",
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "new-key" }, `New ${created.scope} key`),
        h("div", { class: "copy-row" }, input, copyButton("Copy", created.key, input)),
      ),
    );
    shown.hidden = false;
    shown.focus();
    announce(`Key ${created.name} created. Copy it now: it is shown only once.`);
  }

  /** @param {ApiKey} key */
  const row = (key) =>
    h(
      "tr",
      {},
      h("td", { "data-label": "Name" }, h("span", { class: "strong" }, key.name)),
      h(
        "td",
        { "data-label": "Scope" },
        h("span", { class: key.scope === "admin" ? "badge" : "chip" }, key.scope),
      ),
      h(
        "td",
        { "data-label": "Accounts" },
        key.scope === "admin"
          ? h("span", { class: "muted" }, "every account (admin API)")
          : chips(
              key.account_ids?.map((id) => accountNames.get(id) ?? id),
              "every account",
            ),
      ),
      h("td", { "data-label": "Created" }, time(key.created_at)),
      h(
        "td",
        { class: "row-actions" },
        h(
          "button",
          {
            type: "button",
            class: "button small danger-outline",
            onclick: async () => {
              if (await revokeKey(key)) void load();
            },
          },
          "Revoke",
          srOnly(` ${key.name}`),
        ),
      ),
    );

  async function load() {
    listRegion.setAttribute("aria-busy", "true");
    if (!listRegion.firstChild) listRegion.append(loading("API keys"));
    try {
      const [keys, accounts] = await Promise.all([
        api("GET", "/api/keys"),
        api("GET", "/api/integrated-account?limit=100"),
      ]);
      for (const account of accounts.result) accountNames.set(account.id, account.name);
      create.setAccounts(accounts.result);
      listRegion.replaceChildren(
        keys.result.length
          ? table(keys.result.map(row))
          : emptyState(
              "No API keys yet",
              "Create an mcp key for each MCP client that connects to a server with an API token required.",
            ),
      );
    } catch (error) {
      listRegion.replaceChildren(errorState(error, () => void load()));
    } finally {
      listRegion.removeAttribute("aria-busy");
    }
  }

  view.append(
    h("div", { class: "page-head" }, h("h1", { tabindex: "-1" }, "API keys"), openButton),
    h(
      "p",
      { class: "lead" },
      "An mcp key is only an MCP credential, for the servers of the accounts it names; it is " +
        "refused by the admin API. Give MCP clients mcp keys, never an admin key.",
    ),
    shown,
    panel,
    listRegion,
  );
  await load();
}

/** @param {HTMLElement[]} rows */
const table = (rows) =>
  h(
    "table",
    { class: "data" },
    h("caption", { class: "visually-hidden" }, "API keys"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["Name", "Scope", "Accounts", "Created"].map((label) => h("th", { scope: "col" }, label)),
        h("th", { scope: "col" }, srOnly("Actions")),
      ),
    ),
    h("tbody", {}, rows),
  );

/**
 * "Create key": name, scope, and for an mcp key the accounts it serves (none ticked: all).
 * @param {Map<string, string>} accountNames
 * @param {{ onCreated: (key: ApiKey & { key: string }) => void, onCancel: () => void }} handlers
 */
function keyForm(accountNames, { onCreated, onCancel }) {
  const formError = errorSlot("key-error");
  const name = h("input", {
    id: "key-name",
    name: "name",
    type: "text",
    autocomplete: "off",
    maxlength: "100",
    required: true,
  });
  const scope = h(
    "select",
    { id: "key-scope", name: "scope", "aria-describedby": "key-scope-hint" },
    h("option", { value: "mcp" }, "mcp: MCP credential only"),
    h("option", { value: "admin" }, "admin: the admin API"),
  );
  const accountList = h("div", { class: "checks inline" });
  const accounts = h(
    "fieldset",
    { class: "group" },
    h("legend", {}, "Accounts ", h("span", { class: "optional" }, "(none ticked: every account)")),
    accountList,
  );
  scope.addEventListener("change", () => (accounts.hidden = scope.value !== "mcp"));
  const submit = h("button", { type: "submit", class: "button primary" }, "Create key");

  const form = h(
    "form",
    {
      novalidate: true,
      "aria-labelledby": "key-heading",
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        formError.clear();
        if (!name.value.trim()) {
          formError.show("Enter a name, for example the client or agent that will use the key.");
          name.focus();
          return;
        }
        const ticked = [...accountList.querySelectorAll("input:checked")].map(
          (box) => /** @type {HTMLInputElement} */ (box).value,
        );
        submit.disabled = true;
        try {
          const created = await api("POST", "/api/keys", {
            body: {
              name: name.value.trim(),
              scope: scope.value,
              ...(scope.value === "mcp" && ticked.length ? { account_ids: ticked } : {}),
            },
          });
          form.reset();
          accounts.hidden = false;
          onCreated(created);
        } catch (failure) {
          const details = failure instanceof ApiError && Array.isArray(failure.details);
          formError.show(
            details
              ? `${messageOf(failure)} ${
                  /** @type {{ field: string, message: string }[]} */ (
                    /** @type {ApiError} */ (failure).details
                  )
                    .map((d) => `${d.field}: ${d.message}`)
                    .join("; ")
                }`
              : messageOf(failure),
          );
        } finally {
          submit.disabled = false;
        }
      },
    },
    h("h2", { id: "key-heading" }, "Create key"),
    h("div", { class: "field" }, h("label", { for: "key-name" }, "Name"), name),
    h("div", { class: "field" }, h("label", { for: "key-scope" }, "Scope"), scope),
    h(
      "p",
      { id: "key-scope-hint", class: "hint" },
      "An admin key can do everything this page does. An mcp key only opens MCP servers.",
    ),
    accounts,
    formError.element,
    h(
      "div",
      { class: "actions" },
      submit,
      h("button", { type: "button", class: "button", onclick: onCancel }, "Cancel"),
    ),
  );
  return {
    form,
    focus: () => name.focus(),
    /** @param {{ id: string, name: string }[]} list */
    setAccounts: (list) =>
      accountList.replaceChildren(
        ...list.map((account) =>
          h(
            "div",
            { class: "check" },
            h("input", {
              type: "checkbox",
              id: `key-account-${account.id}`,
              name: "account_ids",
              value: account.id,
            }),
            h("label", { for: `key-account-${account.id}` }, account.name),
          ),
        ),
      ),
  };
}

/** Revoke: the key fails from the next request on. @param {ApiKey} key */
function revokeKey(key) {
  return openDialog({
    title: `Revoke the key “${key.name}”?`,
    body: h(
      "p",
      {},
      `Every client using this ${key.scope} key is refused from its next request on. This cannot be undone.`,
    ),
    confirmLabel: "Revoke key",
    danger: true,
    onConfirm: async () => {
      await api("DELETE", `/api/keys/${encodeURIComponent(key.id)}`);
      announce(`Key ${key.name} revoked.`);
    },
  });
}
