import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";

/**
 * Where screenshots go: a temp folder on ordinary runs (so tests never dirty the work tree),
 * `docs/screenshots/` with UPDATE_SCREENSHOTS=1 (the README's images, committed on purpose).
 */
export const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url))
    : mkdtempSync(path.join(tmpdir(), "edesk-mcp-screenshots-"));

/**
 * Saves the whole page (or only `part` of it) as `<name>.png`, without animations, the text
 * caret or hover effects.
 */
export async function screenshot(page: Page, name: string, part?: Locator): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.mouse.move(0, 0);
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  const options = { path: file, animations: "disabled", caret: "hide" } as const;
  await (part ? part.screenshot(options) : page.screenshot({ ...options, fullPage: true }));
  return file;
}
