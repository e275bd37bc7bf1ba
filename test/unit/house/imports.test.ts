/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

/**
 * The direction dependencies point in, lowest first: a module may import from its own layer and
 * the layers before it, never from a later one, and no import chain may come back to where it
 * started. A new folder under src/ must be placed here before anything imports it.
 */
const LAYERS: [string, string[]][] = [
  ["lib", ["encoding", "http", "crypto", "collections", "lib/env.ts"]],
  ["edesk", ["edesk"]],
  ["catalog", ["catalog"]],
  ["engine", ["tools"]],
  // The guard rails: ask the engine's catalog and entries, answer the Durable Objects.
  ["guard", ["guard"]],
  // Code that runs inside the Durable Objects, and the KV and key stores they consult.
  ["server", ["server-object", "mcp", "accounts", "keys", "tokens", "oauth"]],
  // Code that runs in the worker in front of them: the admin API and page.
  ["edge", ["admin", "admin-ui"]],
  ["index", ["index.ts"]],
];

/**
 * Imports against the direction that are known and not yet removed, each with its reason. The
 * list may only shrink: the test fails on any violation not listed here, and on any entry that
 * no longer occurs.
 */
const KNOWN: Record<string, string> = {
  // The Env type names each Durable Object's class so that stubs are typed for RPC.
  "lib/env.ts -> server/server-object/server-object.ts": "Env types the SERVERS namespace",
  "lib/env.ts -> server/accounts/account-object.ts": "Env types the ACCOUNTS namespace",
  "lib/env.ts -> server/keys/key-object.ts": "Env types the KEYS namespace",
  "lib/env.ts -> server/oauth/registration-limit.ts": "Env types the REGISTRATIONS namespace",
};

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

/**
 * The one cycle left: Env names each Durable Object class in a type position
 * (`DurableObjectNamespace<import("…").ServerObject>`) so stubs are typed for RPC, and the
 * classes read Env. The edges are erased at build time; the cycle check leaves out these three
 * and nothing else.
 */
const TYPE_ONLY_ENV_EDGES = Object.keys(KNOWN).filter((edge) => edge.startsWith("lib/env.ts -> "));

function layerOf(path: string): number {
  const top = path.split("/")[0]!;
  return LAYERS.findIndex(([, members]) => members.includes(top));
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
        if (TYPE_ONLY_ENV_EDGES.includes(`${path} -> ${target}`)) continue;
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
    expect(against.filter((edge) => !(edge in KNOWN))).toEqual([]);
    expect(Object.keys(KNOWN).filter((edge) => !against.includes(edge))).toEqual([]);
  });
});
