// @ts-check
import { announce, h } from "./dom.js";

/**
 * Copies text; falls back to selecting it when the Clipboard API is refused (an http origin
 * other than localhost, or a denied permission), so the user can press Ctrl+C themselves.
 * @param {string} text
 * @param {HTMLInputElement | HTMLElement} source
 * @param {HTMLButtonElement} button
 */
async function copy(text, source, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
    announce("Copied to the clipboard.");
    setTimeout(() => (button.textContent = button.dataset.label ?? "Copy"), 2000);
  } catch {
    if (source instanceof HTMLInputElement) source.select();
    else getSelection()?.selectAllChildren(source);
    announce("Copying was blocked by the browser; the text is selected: press Ctrl+C.");
  }
}

/** @param {string} label @param {string} text @param {HTMLInputElement | HTMLElement} source */
export const copyButton = (label, text, source) => {
  const button = h("button", { type: "button", class: "button", "data-label": label }, label);
  button.addEventListener("click", () => copy(text, source, button));
  return button;
};
