// @ts-check
import { messageOf } from "./api.js";
import { h } from "./dom.js";

/**
 * What a list shows when it has nothing yet: what it is for and the next step.
 * @param {string} title
 * @param {string} text
 * @param {import("./dom.js").Child} [action]
 */
export const emptyState = (title, text, action) =>
  h("div", { class: "empty" }, h("p", { class: "empty-title" }, title), h("p", {}, text), action);

/**
 * A failed load: the API's message and a way to try again.
 * @param {unknown} error
 * @param {() => void} retry
 */
export const errorState = (error, retry) =>
  h(
    "div",
    { class: "error-state", role: "alert" },
    h("p", {}, messageOf(error)),
    h("button", { type: "button", class: "button", onclick: retry }, "Try again"),
  );

/** Text only screen readers get, to tell apart repeated buttons ("Delete" … "of Acme"). */
export const srOnly = (/** @type {string} */ text) => h("span", { class: "visually-hidden" }, text);
