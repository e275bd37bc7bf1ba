/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

/**
 * The direction dependencies point in, lowest first: a module may import from its own layer and
 * the layers before it, never from a later one, and no import chain may come back to where it
 * started. Each layer is a folder (or file) under src/; a new one must be placed here before
 * anything imports it. docs/architecture.md §2 says what each holds.
 */
const LAYERS: [string, string[]][] = [
  // No product knowledge: encodings, HTTP errors and bodies, crypto, the Env bindings.
  ["lib", ["lib"]],
  ["edesk", ["edesk"]],
  ["catalog", ["catalog"]],
  // A tool call, from flat arguments to an eDesk request and a tool result.
  ["engine", ["engine/tools"]],
  // The guard rails around a call: ask the engine's catalog and entries, answer the objects.
  ["guard", ["engine/guard"]],
  // The Durable Objects and everything they run; the worker reaches in for their stubs and for
  // the token, key and grant checks it makes before the hop.
  ["server", ["server"]],
  // What runs only in the worker in front of them: the admin API and page, the MCP gate, OAuth.
  ["edge", ["edge"]],
  ["index", ["index.ts"]],
];

const sources = import.meta.glob("../../../src/**/*.ts", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

/** `src/`-relative path of each module, e.g. `server/mcp/endpoint.ts`. */
const files = new Map(
  Object.entries(sources).map(([key, text]) => [key.replace(/^(\.\.\/)+src\//, ""), text]),
);

function resolve(from: string, specifier: string): string | undefined {
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  const base = parts.join("/");
  return [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => files.has(candidate));
}

/** Static imports and re-exports, type-only ones and `import("…")` types included. */
function importsOf(path: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']/gms),
    ...text.matchAll(/^\s*import\s+["']([^"']+)["']/gm),
    ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => resolve(path, specifier))
    .filter((target): target is string => target !== undefined);
}

const graph = new Map([...files].map(([path, text]) => [path, importsOf(path, text)]));

/** The layer of a module: the one whose folder is the longest prefix of its path. */
function layerOf(path: string): number {
  let best = -1;
  let length = 0;
  LAYERS.forEach(([, members], index) => {
    for (const member of members) {
      const fits = path === member || path.startsWith(`${member}/`);
      if (fits && member.length > length) [best, length] = [index, member.length];
    }
  });
  return best;
}

describe("imports under src/", () => {
  it("reads every module and resolves every relative import", () => {
    expect(files.size).toBeGreaterThan(50);
    for (const [path, text] of files) {
      const relative = [...text.matchAll(/\bfrom\s+["'](\.[^"']+)["']/g)].map((m) => m[1]!);
      for (const specifier of relative) {
        expect(resolve(path, specifier), `${path} imports ${specifier}`).toBeDefined();
      }
    }
  });

  it("places every top-level folder and file in a layer", () => {
    const unplaced = [...files.keys()].filter((path) => layerOf(path) === -1);
    expect(unplaced).toEqual([]);
  });

  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (path: string) => {
      state.set(path, "open");
      stack.push(path);
      for (const target of graph.get(path) ?? []) {
        if (state.get(target) === "open") {
          cycles.push([...stack.slice(stack.indexOf(target)), target].join(" -> "));
        } else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(path, "done");
    };
    for (const path of graph.keys()) if (!state.has(path)) visit(path);
    expect(cycles).toEqual([]);
  });

  it("points every import from a later layer to an earlier one, or within one", () => {
    const against: string[] = [];
    for (const [path, targets] of graph) {
      for (const target of targets) {
        if (layerOf(target) > layerOf(path)) against.push(`${path} -> ${target}`);
      }
    }
    expect(against).toEqual([]);
  });
});
