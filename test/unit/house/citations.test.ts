/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

/**
 * Comments and documents cite files by their path from the repository's root; a maintainer who
 * clones the repository must be able to open every one. The tests run in workerd, which has no
 * file system, so Vite lists the files: `present` every file, `texts` the ones that may cite.
 */
const present = Object.keys(
  import.meta.glob(
    [
      "/*",
      "/{src,test,docs,scripts,simulator,public,examples}/**",
      "!**/node_modules/**",
      "!**/.wrangler/**",
    ],
    { query: "?url" },
  ),
);
const texts = import.meta.glob(
  [
    "/*.{md,toml,json}",
    "/{src,test,docs,scripts,simulator,public,examples}/**/*.{ts,mts,mjs,js,md,toml,json,yml,html,css}",
    "!**/node_modules/**",
    "!**/.wrangler/**",
    "!/package-lock.json",
    "!/worker-configuration.d.ts",
    "!/docs/bench/*.json",
  ],
  { query: "?raw", import: "default", eager: true },
) as Record<string, string>;

/** Every file, and every folder above one, by its path from the root without a leading slash. */
const paths = new Set(
  present.flatMap((key) => {
    const parts = key.slice(1).split("/");
    return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  }),
);

const TOP_FOLDERS = ["src", "test", "docs", "scripts", "simulator", "public", "examples"];
/** A path from the root: a top folder and at least one more part, not inside a URL or a longer path. */
const CITATION = new RegExp(
  `(?<![\\w@/.:-])((?:${TOP_FOLDERS.join("|")})/[\\w./-]*\\w)(?![\\w*{])`,
  "g",
);

/** A module cited from src/, as comments do: `server/mcp/endpoint.ts`. */
const MODULE = /(?<![\w@/.:-])((?:lib|edesk|catalog|engine|server|edge)\/[\w./-]*\.ts)\b/g;

/** Paths that name a file of another repository, which the citing text names. */
const ELSEWHERE: Record<string, string> = {
  "docs/openapi": "the [CLI] repository's mirror of eDesk's operation pages (docs/edesk-api.md)",
};

/** A sub-project (examples/edge-agent) cites its own `src/…` from its own root. */
function subProject(file: string): string {
  return /^(examples\/[^/]+)\//.exec(file)?.[1] ?? "";
}

describe("citations", () => {
  const files = Object.entries(texts).map(([key, text]) => [key.slice(1), text] as const);

  it("reads the repository's documents and sources", () => {
    const names = files.map(([file]) => file);
    expect(names).toContain("docs/architecture.md");
    expect(names).toContain("src/index.ts");
    expect(paths.has("src/server/server-object")).toBe(true);
  });

  it("cites only files and folders the repository has", () => {
    const missing: string[] = [];
    for (const [file, text] of files) {
      for (const match of text.matchAll(CITATION)) {
        const cited = match[1]!.replace(/\.+$/, "");
        const local = subProject(file);
        const found = paths.has(cited) || (local && paths.has(`${local}/${cited}`));
        if (!found && !(cited in ELSEWHERE)) missing.push(`${file}: ${cited}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it("cites only modules that src/ has", () => {
    const missing = files.flatMap(([file, text]) =>
      [...text.matchAll(MODULE)]
        .map((match) => match[1]!)
        .filter((cited) => !paths.has(`src/${cited}`))
        .map((cited) => `${file}: ${cited}`),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it("cites no reference document kept outside the repository", () => {
    const outside = files
      .filter(([file, text]) => !file.endsWith("citations.test.ts") && /\.\.\/shared\//.test(text))
      .map(([file]) => file);
    expect(outside).toEqual([]);
  });
});
