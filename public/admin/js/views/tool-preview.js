// @ts-check
import { accountPath, api, messageOf } from "../api.js";
import { h } from "../dom.js";
import { plural } from "../format.js";
import { toolsQuery } from "../catalog-options.js";

/** Wait this long after the last change before asking the API (typing, clicking a run of boxes). */
const DEBOUNCE_MS = 250;

/**
 * The live preview of the tools a config exposes, from `GET …/tools?methods=&tags=`. Only the
 * one-line summary is a live region: re-reading the whole list on every click would drown a
 * screen reader.
 * @param {string} accountId
 */
export function toolPreview(accountId) {
  const summary = h("p", {
    class: "preview-summary",
    "aria-live": "polite",
    id: "preview-summary",
  });
  const list = h("ul", { class: "tool-list", "aria-labelledby": "preview-heading" });
  const section = h(
    "section",
    { class: "card preview", "aria-labelledby": "preview-heading" },
    h("h2", { id: "preview-heading" }, "Tools this server exposes"),
    summary,
    list,
  );
  /** @type {AbortController | undefined} */
  let inflight;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  /** @param {{ methods?: string[], tags?: string[] }} config */
  async function refresh(config) {
    inflight?.abort();
    inflight = new AbortController();
    const { signal } = inflight;
    section.setAttribute("aria-busy", "true");
    try {
      const { result } = await api("GET", accountPath(accountId, `/tools${toolsQuery(config)}`), {
        signal,
      });
      summary.className = "preview-summary";
      summary.textContent = `${plural(result.length, "tool")} match this configuration.`;
      list.replaceChildren(
        ...result.map((/** @type {import("../catalog-options.js").ToolPreview} */ tool) =>
          h(
            "li",
            {},
            h("code", { class: "tool-name" }, tool.name),
            h("span", { class: `method method-${tool.method}` }, tool.method),
          ),
        ),
      );
    } catch (error) {
      if (signal.aborted) return;
      // A config that matches nothing answers 400 with the values that exist: show it as is.
      summary.className = "preview-summary error";
      summary.textContent = messageOf(error);
      list.replaceChildren();
    } finally {
      if (!signal.aborted) section.removeAttribute("aria-busy");
    }
  }

  return {
    section,
    /** @param {{ methods?: string[], tags?: string[] }} config */
    update(config) {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(config), DEBOUNCE_MS);
    },
  };
}
