import { API_KEY } from "../helpers";
import type { Rng } from "./prng";
import type { FuzzRequest } from "./send";
import { FUZZ_TENANTS } from "./setup";
import { encodePart, PATH_TRICKS, plainString, weirdString } from "./values";

// The admin API's routes (src/edge/admin/routes.ts) as the fuzzer addresses them.

const ORIGIN = "https://mcp.example.com";

export type Route =
  | "create account"
  | "list accounts"
  | "get account"
  | "patch account"
  | "delete account"
  | "preview tools"
  | "create server"
  | "list servers"
  | "get server"
  | "patch server"
  | "delete server"
  | "audit"
  | "usage"
  | "create key"
  | "list keys"
  | "delete key"
  | "openapi";

export const ROUTES: readonly Route[] = [
  "create account",
  "list accounts",
  "get account",
  "patch account",
  "delete account",
  "preview tools",
  "create server",
  "list servers",
  "get server",
  "patch server",
  "delete server",
  "audit",
  "usage",
  "create key",
  "list keys",
  "delete key",
  "openapi",
];

export const METHOD: Record<Route, string> = {
  "create account": "POST",
  "list accounts": "GET",
  "get account": "GET",
  "patch account": "PATCH",
  "delete account": "DELETE",
  "preview tools": "GET",
  "create server": "POST",
  "list servers": "GET",
  "get server": "GET",
  "patch server": "PATCH",
  "delete server": "DELETE",
  audit: "GET",
  usage: "GET",
  "create key": "POST",
  "list keys": "GET",
  "delete key": "DELETE",
  openapi: "GET",
};

/** The path of a route, with ids as given (already encoded as they go on the wire). */
export function pathOf(route: Route, id: string, mcpId: string): string {
  const account = `/api/integrated-account/${id}`;
  switch (route) {
    case "create account":
    case "list accounts":
      return "/api/integrated-account";
    case "get account":
    case "patch account":
    case "delete account":
      return account;
    case "preview tools":
      return `${account}/tools`;
    case "create server":
    case "list servers":
      return `${account}/mcp`;
    case "get server":
    case "patch server":
    case "delete server":
      return `${account}/mcp/${mcpId}`;
    case "audit":
      return `${account}/mcp/${mcpId}/audit`;
    case "usage":
      return `${account}/mcp/${mcpId}/usage`;
    case "create key":
    case "list keys":
      return "/api/keys";
    case "delete key":
      return `/api/keys/${id}`;
    case "openapi":
      return "/api/openapi.json";
  }
}

export const hasBody = (route: Route) => METHOD[route] === "POST" || METHOD[route] === "PATCH";
/** Deleting the fixtures would end the run's other cases: deletes only ever miss. */
export const destroys = (route: Route) => METHOD[route] === "DELETE";

export function request(
  route: Route,
  ids: { id: string; mcpId: string },
  options: { body?: string | Uint8Array; headers?: [string, string][]; query?: string } = {},
): FuzzRequest {
  const headers: [string, string][] = options.headers ?? [
    ["authorization", `Bearer ${API_KEY}`],
    ["content-type", "application/json"],
  ];
  return {
    method: METHOD[route],
    url: `${ORIGIN}${pathOf(route, ids.id, ids.mcpId)}${options.query ?? ""}`,
    headers,
    body: options.body,
  };
}

export const AUTHS: [string, string | null, boolean][] = [
  ["missing", null, false],
  ["empty", "", false],
  ["Bearer only", "Bearer", false],
  ["wrong key", `Bearer ${API_KEY}-`, false],
  ["key prefix", `Bearer ${API_KEY.slice(0, 5)}`, false],
  ["no scheme", API_KEY, false],
  ["Basic", `Basic ${btoa(`admin:${API_KEY}`)}`, false],
  ["Token scheme", `Token ${API_KEY}`, false],
  ["very long", `Bearer ${"k".repeat(10_000)}`, false],
  ["an eDesk token", `Bearer ${FUZZ_TENANTS.admin.token}`, false],
  ["lower-case scheme", `bearer ${API_KEY}`, true],
  ["extra spaces", `Bearer    ${API_KEY}  `, true],
];

export const isDotSegment = (segment: string) => /^(?:\.|%2e){1,2}$/i.test(segment);

/** An id that names nothing: path tricks (encoded or raw), wrong shapes, 10k characters. */
export function trickyPathId(rng: Rng, kind: "acc" | "mcp"): string {
  return rng.pick([
    () => encodePart(rng.pick(PATH_TRICKS)) || "%20",
    () =>
      rng.pick(["..%2F..%2Fintegrated-account", "%2e%2e", "%00", "%", "%E0%A4%A", "%zz", "%C0%AF"]),
    () => `${kind}_${plainString(rng, 16)}`,
    () => `${kind}_${plainString(rng, 15)}%2F`,
    () => `${kind}_${"A".repeat(16)}?x=1`,
    () => encodePart(`${kind}_${weirdString(rng, 6)}`) || "x",
    () => "i".repeat(10_000),
    () => `${kind.toUpperCase()}_${plainString(rng, 16)}`,
  ])();
}
