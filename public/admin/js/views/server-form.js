// @ts-check
import { accountPath, api, ApiError, messageOf } from "../api.js";
import { errorSlot, h, setInvalid } from "../dom.js";
import { catalogOptions } from "../catalog-options.js";
import { MIN_LEAD_MS, parseExpiry, toLocalInput } from "../expiry.js";
import { href } from "../router.js";
import { errorState } from "../states.js";
import { breadcrumb, loadAccount } from "./account-shell.js";
import { renderCreated } from "./server-created.js";
import {
  exposureSelect,
  guardFieldset,
  methodsFieldset,
  redactFieldset,
  requireAuthSwitch,
  tagsFieldset,
} from "./server-fields.js";
import { toolPreview } from "./tool-preview.js";

/**
 * Create MCP Server: the form on one side, the live tool preview on the other. On success the
 * view is replaced by the one-time URL (server-created.js).
 * @param {HTMLElement} view
 * @param {{ accountId: string }} route
 */
export async function renderNewServer(view, { accountId }) {
  const retry = () => {
    view.replaceChildren();
    void renderNewServer(view, { accountId });
  };
  const account = await loadAccount(view, accountId, retry);
  if (!account) return;
  const header = [
    breadcrumb([
      ["Integrated accounts", href.accounts()],
      [account.name, href.servers(accountId)],
      "Create MCP Server",
    ]),
    h("h1", { tabindex: "-1" }, "Create MCP Server"),
  ];
  let catalog;
  try {
    catalog = catalogOptions((await api("GET", accountPath(accountId, "/tools"))).result);
  } catch (error) {
    view.append(...header, errorState(error, retry));
    return;
  }

  const name = h("input", {
    id: "server-name",
    name: "name",
    type: "text",
    required: true,
    maxlength: "100",
    autocomplete: "off",
    "data-autofocus": true,
  });
  const nameError = errorSlot("server-name-error");
  const expires = h("input", {
    id: "server-expires",
    name: "expires_at",
    type: "datetime-local",
    "aria-describedby": "server-expires-hint",
  });
  const expiryError = errorSlot("server-expires-error");
  const budgetError = errorSlot("max-calls-error");
  const formError = errorSlot("server-form-error");
  const submit = h("button", { type: "submit", class: "button primary" }, "Save");
  const preview = toolPreview(accountId);

  /** @param {string} group */
  const checked = (group) =>
    [...form.querySelectorAll(`input[name="${group}"]:checked`)].map(
      (input) => /** @type {HTMLInputElement} */ (input).value,
    );
  const filter = () => ({ methods: checked("methods"), tags: checked("tags") });

  const checkExpiry = () => {
    const parsed = parseExpiry(expires.value);
    if ("error" in parsed) {
      expiryError.show(parsed.error);
      setInvalid(expires, "server-expires-error", "server-expires-hint");
      return null;
    }
    expiryError.clear();
    setInvalid(expires, null, "server-expires-hint");
    return parsed;
  };

  const form = h(
    "form",
    { novalidate: true, "aria-labelledby": "server-form-heading", class: "card" },
    h("h2", { id: "server-form-heading", class: "visually-hidden" }, "Server settings"),
    h("div", { class: "field" }, h("label", { for: "server-name" }, "Name"), name),
    nameError.element,
    methodsFieldset(catalog.methods),
    tagsFieldset(catalog.tags),
    h(
      "div",
      { class: "field" },
      h(
        "label",
        { for: "server-expires" },
        "Expires ",
        h("span", { class: "optional" }, "(optional)"),
      ),
      expires,
      h(
        "p",
        { id: "server-expires-hint", class: "hint" },
        "Your local time; at least 1 minute ahead. Empty: the server never expires.",
      ),
    ),
    expiryError.element,
    requireAuthSwitch(),
    exposureSelect(),
    redactFieldset(),
    guardFieldset(),
    budgetError.element,
    formError.element,
    h(
      "div",
      { class: "actions" },
      submit,
      h("a", { class: "button", href: href.servers(accountId) }, "Cancel"),
    ),
  );

  form.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === "checkbox") {
      preview.update(filter());
    }
    if (event.target === expires) checkExpiry();
  });
  // The picker's minimum follows the clock; the check on submit is what counts.
  expires.addEventListener("focus", () => {
    expires.min = toLocalInput(new Date(Date.now() + MIN_LEAD_MS + 60_000));
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    nameError.clear();
    formError.clear();
    setInvalid(name, null);
    const expiry = checkExpiry();
    if (!name.value.trim()) {
      nameError.show("Enter a name for this server.");
      setInvalid(name, "server-name-error");
      name.focus();
      return;
    }
    if (!expiry) return expires.focus();
    const { methods, tags } = filter();
    const redact = checked("redact");
    const requireAuth = /** @type {HTMLInputElement} */ (form.querySelector("#require-auth"))
      .checked;
    const exposure = /** @type {HTMLSelectElement} */ (form.querySelector("#tool-exposure")).value;
    const confirm = /** @type {HTMLSelectElement} */ (form.querySelector("#confirm")).value;
    const budgetInput = /** @type {HTMLInputElement} */ (form.querySelector("#max-calls"));
    const loopGuard = /** @type {HTMLInputElement} */ (form.querySelector("#loop-guard")).checked;
    budgetError.clear();
    setInvalid(budgetInput, null, "max-calls-hint");
    const budget = budgetInput.value.trim() === "" ? undefined : Number(budgetInput.value);
    if (budget !== undefined && !(Number.isInteger(budget) && budget >= 1 && budget <= 600)) {
      budgetError.show("Enter a whole number from 1 to 600, or leave it empty.");
      setInvalid(budgetInput, "max-calls-error", "max-calls-hint");
      budgetInput.focus();
      return;
    }
    const body = {
      name: name.value.trim(),
      config: {
        ...(methods.length ? { methods } : {}),
        ...(tags.length ? { tags } : {}),
        ...(requireAuth ? { require_api_token_auth: true } : {}),
        ...(exposure === "discovery" ? { tool_exposure: "discovery" } : {}),
        ...(redact.length ? { redact } : {}),
        ...(confirm !== "off" ? { confirm } : {}),
        ...(budget !== undefined ? { max_calls_per_minute: budget } : {}),
        ...(loopGuard ? {} : { loop_guard: false }),
      },
      ...(expiry.iso ? { expires_at: expiry.iso } : {}),
    };
    submit.disabled = true;
    submit.textContent = "Saving…";
    try {
      const created = await api("POST", accountPath(accountId, "/mcp"), { body });
      view.replaceChildren();
      renderCreated(view, account, created);
      const heading = view.querySelector("h1");
      if (heading instanceof HTMLElement) heading.focus();
    } catch (failure) {
      const fields =
        failure instanceof ApiError && Array.isArray(failure.details)
          ? failure.details.map((/** @type {{ field?: string }} */ d) => d.field)
          : [];
      if (fields.includes("expires_at")) {
        expiryError.show(messageOf(failure));
        setInvalid(expires, "server-expires-error", "server-expires-hint");
        expires.focus();
      } else {
        formError.show(messageOf(failure));
      }
      submit.disabled = false;
      submit.textContent = "Save";
    }
  });

  view.append(
    ...header,
    h(
      "p",
      { class: "lead" },
      `For ${account.name}. The server's URL is shown once, right after saving.`,
    ),
    h("div", { class: "form-layout" }, form, preview.section),
  );
  preview.update(filter());
}
