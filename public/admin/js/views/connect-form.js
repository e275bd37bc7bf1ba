// @ts-check
import { api, ApiError, messageOf } from "../api.js";
import { errorSlot, h, setInvalid } from "../dom.js";

/**
 * "Connect eDesk account": name and API token. The API checks the token with eDesk
 * (`GET /whoami`) and its 400 message is shown under the token field as it is.
 * @param {{ onConnected: (account: import("./account-actions.js").Account) => void, onCancel: () => void }} handlers
 */
export function connectForm({ onConnected, onCancel }) {
  const tokenError = errorSlot("connect-token-error");
  const formError = errorSlot("connect-error");
  const name = h("input", {
    id: "connect-name",
    name: "name",
    type: "text",
    autocomplete: "off",
    maxlength: "100",
    placeholder: "eDesk account",
  });
  const token = h("input", {
    id: "connect-token",
    name: "api_token",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
    "aria-describedby": "connect-token-hint",
  });
  const submit = h("button", { type: "submit", class: "button primary" }, "Connect");

  const showTokenError = (/** @type {string} */ message) => {
    tokenError.show(message);
    setInvalid(token, "connect-token-error", "connect-token-hint");
    token.focus();
  };

  const form = h(
    "form",
    {
      novalidate: true,
      "aria-labelledby": "connect-heading",
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        tokenError.clear();
        formError.clear();
        setInvalid(token, null, "connect-token-hint");
        if (!token.value.trim()) return showTokenError("Enter the eDesk API token.");
        submit.disabled = true;
        submit.textContent = "Checking with eDesk…";
        try {
          const account = await api("POST", "/api/integrated-account", {
            body: {
              integration: "edesk",
              ...(name.value.trim() ? { name: name.value.trim() } : {}),
              credentials: { api_token: token.value.trim() },
            },
          });
          form.reset();
          onConnected(account);
        } catch (failure) {
          if (failure instanceof ApiError && (failure.status === 400 || failure.status === 502)) {
            showTokenError(failure.message);
          } else {
            formError.show(messageOf(failure));
          }
        } finally {
          submit.disabled = false;
          submit.textContent = "Connect";
        }
      },
    },
    h("h2", { id: "connect-heading" }, "Connect eDesk account"),
    h(
      "div",
      { class: "field" },
      h("label", { for: "connect-name" }, "Name ", h("span", { class: "optional" }, "(optional)")),
      name,
    ),
    h("div", { class: "field" }, h("label", { for: "connect-token" }, "eDesk API token"), token),
    h(
      "p",
      { id: "connect-token-hint", class: "hint" },
      "From eDesk: Settings › Developers › API tokens. Stored encrypted and never shown again.",
    ),
    tokenError.element,
    formError.element,
    h(
      "div",
      { class: "actions" },
      submit,
      h("button", { type: "button", class: "button", onclick: onCancel }, "Cancel"),
    ),
  );
  return { form, focus: () => name.focus() };
}
