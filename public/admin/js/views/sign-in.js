// @ts-check
import { api, ApiError, messageOf, session } from "../api.js";
import { errorSlot, h, setInvalid } from "../dom.js";

/**
 * The sign-in screen: an API key is checked with `GET /api/integrated-account` before it is
 * kept, so a wrong key shows an inline error instead of a broken page.
 * @param {HTMLElement} view
 * @param {{ notice?: string, onSignedIn: () => void }} options
 */
export async function renderSignIn(view, { notice, onSignedIn }) {
  const error = errorSlot("sign-in-error");
  const input = h("input", {
    id: "api-key",
    name: "api-key",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
    "aria-describedby": "api-key-hint",
    "data-autofocus": true,
  });
  const submit = h("button", { type: "submit", class: "button primary" }, "Sign in");

  const fail = (/** @type {string} */ message) => {
    error.show(message);
    setInvalid(input, "sign-in-error", "api-key-hint");
    input.focus();
  };

  const form = h(
    "form",
    {
      novalidate: true,
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        error.clear();
        setInvalid(input, null, "api-key-hint");
        const key = input.value.trim();
        if (!key) return fail("Enter an API key.");
        submit.disabled = true;
        submit.textContent = "Checking…";
        try {
          await api("GET", "/api/integrated-account?limit=1", { key });
          session.signIn(key);
          onSignedIn();
        } catch (failure) {
          fail(
            failure instanceof ApiError && failure.status === 401
              ? "This API key was refused (401). Use one of the keys in the worker's API_KEYS secret." +
                  (/API_KEYS/.test(failure.message) ? ` ${failure.message}` : "")
              : messageOf(failure),
          );
        } finally {
          submit.disabled = false;
          submit.textContent = "Sign in";
        }
      },
    },
    h("div", { class: "field" }, h("label", { for: "api-key" }, "API key"), input),
    h(
      "p",
      { id: "api-key-hint", class: "hint" },
      "Kept in this browser tab only (sessionStorage) and sent to this service's admin API.",
    ),
    error.element,
    h("div", { class: "actions" }, submit),
  );

  view.append(
    h(
      "section",
      { class: "card sign-in" },
      h("h1", { tabindex: "-1" }, "Sign in"),
      h("p", { class: "lead" }, "Manage eDesk accounts and the MCP servers that expose them."),
      notice ? h("p", { class: "notice", role: "status" }, notice) : null,
      form,
    ),
  );
}
