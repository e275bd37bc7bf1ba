// @ts-check
/**
 * @typedef {Node | string | number | null | undefined | false} Child
 * @typedef {Child | Child[]} Children
 */

/**
 * Builds an element. Text is always inserted as text, never parsed as HTML, so nothing the API
 * returns (account or server names, error messages) can inject markup.
 * Props: `class`, `on<event>` listeners, `value`/`checked`/`disabled` as properties, `true` as an
 * empty attribute, `false`/`null`/`undefined` omitted, anything else as a string attribute.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [props]
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") {
      element.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    } else if (key === "value" || key === "checked" || key === "disabled") {
      Object.assign(element, { [key]: value });
    } else {
      element.setAttribute(
        key === "className" ? "class" : key,
        value === true ? "" : String(value),
      );
    }
  }
  append(element, children);
  return element;
}

/**
 * @param {Element} parent
 * @param {Children[]} children
 */
export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === "number" ? String(child) : child);
  }
}

let ids = 0;
/** A unique id for label/aria wiring. @param {string} prefix */
export const uid = (prefix) => `${prefix}-${++ids}`;

/**
 * Says something to screen readers through the page's polite live region (index.html). What
 * it says is also visible on the page (a notice, a changed list or button), never only here.
 * @param {string} message
 */
export function announce(message) {
  const status = document.getElementById("status");
  if (!status) return;
  status.textContent = "";
  // A fresh text node after a tick makes repeated identical messages announced again.
  setTimeout(() => {
    status.textContent = message;
  }, 50);
}

/**
 * An inline error element, empty and hidden until `show` is called. `role="alert"` makes the
 * message heard as soon as it appears.
 * @param {string} id
 */
export function errorSlot(id) {
  const element = h("p", { id, class: "error", role: "alert", hidden: true });
  return {
    element,
    /** @param {string} message */
    show(message) {
      element.textContent = message;
      element.hidden = false;
    },
    clear() {
      element.textContent = "";
      element.hidden = true;
    },
  };
}

/**
 * Marks a field invalid (or valid again) and ties it to its error message.
 * @param {HTMLElement} field
 * @param {string | null} errorId
 * @param {string} [hintId]
 */
export function setInvalid(field, errorId, hintId) {
  if (errorId) field.setAttribute("aria-invalid", "true");
  else field.removeAttribute("aria-invalid");
  const described = [hintId, errorId].filter(Boolean).join(" ");
  if (described) field.setAttribute("aria-describedby", described);
  else field.removeAttribute("aria-describedby");
}

/** A "Loading…" line for a region that is fetching. @param {string} what */
export const loading = (what) => h("p", { class: "muted loading" }, `Loading ${what}…`);
