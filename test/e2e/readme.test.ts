import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/dev-stack.mjs";
import { SNIPPETS } from "./snippets";

const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("README client snippets", () => {
  it.each(readdirSync(SNIPPETS))("carries docs/snippets/%s verbatim", (file) => {
    const snippet = readFileSync(path.join(SNIPPETS, file), "utf8").trimEnd();
    expect(readme).toContain(snippet);
  });
});
