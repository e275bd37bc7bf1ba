// Writes the generated files the way Prettier would, so `prettier --check .` passes on them.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../../dev-stack.mjs";

/** Where the generated reports live: BENCHMARKS.md, benchmarks.json, soak.json. */
export const REPORTS = path.join(ROOT, "docs", "bench");

/** Writes a generated file as Prettier would, so `prettier --check .` (npm run check) passes. */
export async function writeFormatted(file, text, log = console.error) {
  let out = text;
  try {
    const { default: prettier } = await import("prettier");
    const options = (await prettier.resolveConfig(file)) ?? {};
    out = await prettier.format(text, { ...options, filepath: file });
  } catch (error) {
    log(`prettier could not format ${path.basename(file)}: ${error.message}`);
  }
  writeFileSync(file, out.endsWith("\n") ? out : `${out}\n`);
}
