import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

/**
 * Where screenshots go: a temp folder on ordinary runs (so tests never dirty the work tree),
 * `docs/screenshots/` with UPDATE_SCREENSHOTS=1 (the README's images, committed on purpose).
 */
export const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url))
    : mkdtempSync(path.join(tmpdir(), "edesk-mcp-screenshots-"));

/** Saves the whole page as `<name>.png`, without animations, the text caret or hover effects. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.mouse.move(0, 0);
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled", caret: "hide" });
  return file;
}
