import type { Page } from "playwright-core";

/*
 * Code that runs inside the page is passed to `page.evaluate` as source text: the project's
 * tsconfig has no DOM library (it types workerd), and these snippets are small enough to read.
 */

/** `el` as "tag#id" ("tag#text" without an id; "=value" for checkboxes). */
const DESCRIBE = `(el) => {
  const value = el.type === "checkbox" ? "=" + el.value : "";
  return el.tagName.toLowerCase() + "#" + (el.id || (el.textContent || "").trim()) + value;
}`;

/**
 * Collects what must never happen on the admin page: uncaught script errors and Content
 * Security Policy violations (an inline script or an external resource slipping in).
 */
export function watchPageFaults(page: Page): string[] {
  const faults: string[] = [];
  page.on("pageerror", (error) => faults.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      faults.push(`CSP: ${message.text()}`);
    }
  });
  return faults;
}

/** True when the page is wider than the viewport (a horizontal scrollbar). */
export function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(
    "document.documentElement.scrollWidth > document.documentElement.clientWidth",
  );
}

/** The focused element, described as by DESCRIBE ("body" when nothing is). */
export function focusedControl(page: Page): Promise<string> {
  return page.evaluate<string>(
    `(() => { const el = document.activeElement;
      return !el || el === document.body ? "body" : (${DESCRIBE})(el); })()`,
  );
}

/** The focused element's computed outline style ("none" means no visible focus ring). */
export function focusOutline(page: Page): Promise<string> {
  return page.evaluate<string>("getComputedStyle(document.activeElement).outlineStyle");
}

/** Every focusable form control inside `selector`, described as by DESCRIBE. */
export function controlsIn(page: Page, selector: string): Promise<string[]> {
  return page.evaluate<string[]>(
    `[...document.querySelector(${JSON.stringify(selector)})
      .querySelectorAll("input, select, textarea, button, a[href]")].map(${DESCRIBE})`,
  );
}

/** What the page keeps: sessionStorage values, localStorage size, cookies. */
export function storedState(page: Page) {
  return page.evaluate<{ session: string[]; local: number; cookies: string }>(
    "({ session: Object.values(sessionStorage), local: localStorage.length, cookies: document.cookie })",
  );
}

/** The clipboard's text (needs the clipboard-read permission). */
export function clipboardText(page: Page): Promise<string> {
  return page.evaluate<string>("navigator.clipboard.readText()");
}

/** A `datetime-local` value `ms` from now, in the browser's time zone. */
export function localDateTime(page: Page, ms: number): Promise<string> {
  return page.evaluate<string>(
    `(() => { const d = new Date(Date.now() + ${ms}); const p = (n) => String(n).padStart(2, "0");
      return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + "T" +
        p(d.getHours()) + ":" + p(d.getMinutes()); })()`,
  );
}

/** Signs in through the form, as an operator would. */
export async function signIn(page: Page, baseUrl: string, apiKey: string): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.getByLabel("API key").fill(apiKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Integrated accounts" }).waitFor();
}
