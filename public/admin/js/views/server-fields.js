// @ts-check
import { h } from "../dom.js";
import { METHOD_GROUPS } from "../catalog-options.js";

/**
 * A checkbox with its label; `hint` is part of the label so it is read with it.
 * @param {string} name
 * @param {string} value
 * @param {string} label
 * @param {string} [hint]
 */
function checkbox(name, value, label, hint) {
  const id = `${name}-${value}`;
  return h(
    "div",
    { class: "check" },
    h("input", { type: "checkbox", id, name, value }),
    h("label", { for: id }, label, hint ? h("span", { class: "hint" }, ` ${hint}`) : null),
  );
}

/**
 * Methods: the read/write groups, then single methods (CRUD kinds and custom verbs).
 * @param {string[]} methods
 */
export function methodsFieldset(methods) {
  return h(
    "fieldset",
    { class: "group", "aria-describedby": "methods-hint" },
    h("legend", {}, "Methods"),
    h(
      "p",
      { id: "methods-hint", class: "hint" },
      "None checked: every method. Checked ones add up.",
    ),
    h(
      "div",
      { class: "checks" },
      METHOD_GROUPS.map((group) =>
        checkbox("methods", group.value, group.label, `(${group.hint})`),
      ),
    ),
    h("p", { class: "subhead", id: "single-methods" }, "Single methods"),
    h(
      "div",
      { class: "checks inline", role: "group", "aria-labelledby": "single-methods" },
      methods.map((method) => checkbox("methods", method, method)),
    ),
  );
}

/**
 * Tags: resource groups from the catalog.
 * @param {string[]} tags
 */
export function tagsFieldset(tags) {
  return h(
    "fieldset",
    { class: "group", "aria-describedby": "tags-hint" },
    h("legend", {}, "Tags"),
    h(
      "p",
      { id: "tags-hint", class: "hint" },
      "None checked: every resource. Combined with the methods: a tool must match both.",
    ),
    h(
      "div",
      { class: "checks inline" },
      tags.map((tag) => checkbox("tags", tag, tag)),
    ),
  );
}

/** The "require API token" switch: a checkbox announced as a switch. */
export function requireAuthSwitch() {
  return h(
    "div",
    { class: "field switch-field" },
    h("input", {
      type: "checkbox",
      role: "switch",
      id: "require-auth",
      name: "require_api_token_auth",
      "aria-describedby": "require-auth-hint",
    }),
    h("label", { for: "require-auth" }, "Require API token"),
    h(
      "p",
      { id: "require-auth-hint", class: "hint" },
      "Clients must also send Authorization: Bearer <API key> (one of this service's API keys).",
    ),
  );
}

/** Tool exposure: every tool listed, or only the three discovery tools. */
export function exposureSelect() {
  return h(
    "div",
    { class: "field" },
    h("label", { for: "tool-exposure" }, "Tool exposure"),
    h(
      "select",
      { id: "tool-exposure", name: "tool_exposure", "aria-describedby": "tool-exposure-hint" },
      h("option", { value: "all" }, "List every tool"),
      h("option", { value: "discovery" }, "Discovery: search_tools, get_tool_schema, call_tool"),
    ),
    h(
      "p",
      { id: "tool-exposure-hint", class: "hint" },
      "Discovery keeps the client's context small when many tools are exposed.",
    ),
  );
}

/** The kinds of personal data `config.redact` masks, with what the mask keeps. */
const REDACT_KINDS = [
  ["email", "Emails", "(j***@example.com)"],
  ["phone", "Phone numbers", "(last 2 digits)"],
  ["address", "Addresses", "(city and country only)"],
  ["name", "Names", "(initials)"],
];

/** Redaction: personal data masked in every tool result. */
export function redactFieldset() {
  return h(
    "fieldset",
    { class: "group", "aria-describedby": "redact-hint" },
    h("legend", {}, "Mask personal data"),
    h(
      "p",
      { id: "redact-hint", class: "hint" },
      "Checked kinds are masked in every tool result; ids and order numbers never are.",
    ),
    h(
      "div",
      { class: "checks inline" },
      REDACT_KINDS.map(([value, label, hint]) => checkbox("redact", value, label, hint)),
    ),
  );
}

/** Guard rails: who confirms what, the server's budget and the loop guard (README "Guard rails"). */
export function guardFieldset() {
  return h(
    "fieldset",
    { class: "group", "aria-describedby": "guard-hint" },
    h("legend", {}, "Guard rails"),
    h(
      "p",
      { id: "guard-hint", class: "hint" },
      "A person confirms through the MCP client; the model can never confirm its own call.",
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "confirm" }, "Ask a person to confirm"),
      h(
        "select",
        { id: "confirm", name: "confirm", "aria-describedby": "confirm-hint" },
        h("option", { value: "off" }, "Nothing (off)"),
        h("option", { value: "customer_visible" }, "Replies sent to customers"),
        h("option", { value: "writes" }, "Every change (all writes)"),
      ),
      h(
        "p",
        { id: "confirm-hint", class: "hint" },
        "Clients that cannot ask a person (no elicitation) are refused those calls.",
      ),
    ),
    h(
      "div",
      { class: "field" },
      h(
        "label",
        { for: "max-calls" },
        "Tool calls per minute ",
        h("span", { class: "optional" }, "(optional)"),
      ),
      h("input", {
        id: "max-calls",
        name: "max_calls_per_minute",
        type: "number",
        inputmode: "numeric",
        min: "1",
        max: "600",
        step: "1",
        "aria-describedby": "max-calls-hint",
      }),
      h(
        "p",
        { id: "max-calls-hint", class: "hint" },
        "1 to 600; half of it at once, then spread over the minute. Empty: no server cap (the account's budget still holds).",
      ),
    ),
    h(
      "div",
      { class: "field switch-field" },
      h("input", {
        type: "checkbox",
        role: "switch",
        id: "loop-guard",
        name: "loop_guard",
        checked: true,
        "aria-describedby": "loop-guard-hint",
      }),
      h("label", { for: "loop-guard" }, "Loop guard"),
      h(
        "p",
        { id: "loop-guard-hint", class: "hint" },
        "The same tool with the same arguments more than 5 times in 60 s is refused.",
      ),
    ),
  );
}
