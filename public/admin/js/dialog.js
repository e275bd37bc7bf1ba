// @ts-check
import { messageOf } from "./api.js";
import { errorSlot, h, uid } from "./dom.js";

/**
 * @typedef {object} DialogOptions
 * @property {string} title
 * @property {import("./dom.js").Children} body
 * @property {string} confirmLabel
 * @property {boolean} [danger] destructive: the button is red and Cancel has the initial focus
 * @property {() => Promise<void>} onConfirm throws to keep the dialog open with its message
 */

/**
 * A modal `<dialog>`: the browser traps focus inside, Escape cancels, and focus returns to the
 * control that opened it. Resolves true once `onConfirm` succeeded, false when cancelled.
 * @param {DialogOptions} options
 * @returns {Promise<boolean>}
 */
export function openDialog(options) {
  const opener = document.activeElement;
  const titleId = uid("dialog-title");
  const error = errorSlot(uid("dialog-error"));
  const cancel = h(
    "button",
    { type: "button", class: "button", autofocus: options.danger },
    "Cancel",
  );
  const confirm = h(
    "button",
    { type: "submit", class: `button ${options.danger ? "danger" : "primary"}` },
    options.confirmLabel,
  );
  const form = h(
    "form",
    { novalidate: true },
    h("h2", { id: titleId }, options.title),
    options.body,
    error.element,
    h("div", { class: "actions" }, cancel, confirm),
  );
  const dialog = h("dialog", { "aria-labelledby": titleId }, form);
  document.body.append(dialog);

  return new Promise((resolve) => {
    let done = false;
    const close = (/** @type {boolean} */ result) => {
      done = result;
      dialog.close();
    };
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(done);
    });
    cancel.addEventListener("click", () => close(false));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.clear();
      confirm.disabled = cancel.disabled = true;
      confirm.setAttribute("aria-busy", "true");
      try {
        await options.onConfirm();
        close(true);
      } catch (failure) {
        error.show(messageOf(failure));
        confirm.disabled = cancel.disabled = false;
        confirm.removeAttribute("aria-busy");
      }
    });
    dialog.showModal();
  });
}
