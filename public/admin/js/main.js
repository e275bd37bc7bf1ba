// @ts-check
import { session, whenUnauthorized } from "./api.js";
import { announce, h } from "./dom.js";
import { parseRoute } from "./router.js";
import { errorState } from "./states.js";
import { renderAccounts } from "./views/accounts.js";
import { renderAudit } from "./views/audit.js";
import { renderAccountRoute } from "./views/account-routes.js";
import { renderKeys } from "./views/keys.js";
import { renderSignIn } from "./views/sign-in.js";

const main = /** @type {HTMLElement} */ (document.getElementById("main"));
const signedInNav = /** @type {HTMLElement} */ (document.getElementById("signed-in"));
let generation = 0;

/**
 * Renders the current route into a fresh container. A navigation that starts while an older
 * one is still loading simply detaches the older container, so late answers land nowhere.
 * @param {{ focus?: boolean, notice?: string }} [options]
 */
async function render(options = {}) {
  const current = ++generation;
  const view = h("div", { class: "view" });
  main.replaceChildren(view);
  main.setAttribute("aria-busy", "true");
  signedInNav.hidden = !session.key;
  try {
    if (!session.key) {
      // After signing in, the address the operator opened (a deep link) is where they land.
      await renderSignIn(view, {
        notice: options.notice,
        onSignedIn: () => void render({ focus: true }),
      });
    } else {
      const route = parseRoute(location.hash);
      if (route.name === "accounts") await renderAccounts(view);
      else if (route.name === "audit") await renderAudit(view, route);
      else if (route.name === "keys") await renderKeys(view);
      else await renderAccountRoute(view, route);
    }
  } catch (error) {
    view.append(errorState(error, () => void render()));
  }
  if (current !== generation) return;
  main.removeAttribute("aria-busy");
  const heading = view.querySelector("h1");
  document.title = `${heading?.textContent ?? "Admin"} · edesk-mcp`;
  // Moving focus to the new page's heading tells screen readers the page changed; on the first
  // load the browser's own start position is kept, except for a field that asks for focus.
  const target = view.querySelector("[data-autofocus]") ?? (options.focus ? heading : null);
  if (target instanceof HTMLElement) target.focus();
}

window.addEventListener("hashchange", () => void render({ focus: true }));

document.getElementById("sign-out")?.addEventListener("click", () => {
  session.signOut();
  announce("Signed out.");
  history.replaceState(null, "", "#/");
  void render({ notice: "Signed out. The API key was removed from this tab." });
});

// The skip link targets <main> without touching the hash the router reads.
document.querySelector(".skip-link")?.addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

whenUnauthorized(() => {
  session.signOut();
  void render({
    notice: "The API key was refused (401): it may have been removed. Sign in again.",
  });
});

void render();
