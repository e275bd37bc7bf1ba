import { API_KEY } from "../helpers";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import type { FuzzRequest } from "./send";
import { FUZZ_TENANTS } from "./setup";
import {
  dataKey,
  deepValue,
  encodePart,
  hugeString,
  jsonValue,
  PATH_TRICKS,
  plainString,
  weirdString,
} from "./values";

const ORIGIN = "https://mcp.example.com";
const BAD_REQUEST: Expectation = { kind: "admin-error", statuses: [400] };
const NOT_FOUND: Expectation = { kind: "admin-error", statuses: [404] };
const OK: Expectation = { kind: "ok" };

/** The fixtures the admin target works on: two accounts, each with a server. */
export interface AdminContext {
  accountId: string;
  serverId: string;
  /** Another account's server: never reachable under `accountId`. */
  otherAccountId: string;
  otherServerId: string;
}

type Route =
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
  | "openapi";

const ROUTES: readonly Route[] = [
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
  "openapi",
];

const METHOD: Record<Route, string> = {
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
  openapi: "GET",
};

/** The path of a route, with ids as given (already encoded as they go on the wire). */
function pathOf(route: Route, id: string, mcpId: string): string {
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
    case "openapi":
      return "/api/openapi.json";
  }
}

const hasBody = (route: Route) => METHOD[route] === "POST" || METHOD[route] === "PATCH";
/** Deleting the fixtures would end the run's other cases: deletes only ever miss. */
const destroys = (route: Route) => METHOD[route] === "DELETE";

function request(
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

/** A name the schema refuses: empty, blank, too long, or not a string. */
function badName(rng: Rng): unknown {
  return rng.pick<unknown>([
    "",
    "   ",
    "\t\n",
    "n".repeat(101),
    hugeString(rng),
    5,
    null,
    ["x"],
    {},
  ]);
}

/** A name the schema takes: 1–100 characters once trimmed, whatever they are. */
function oddName(rng: Rng): string {
  const name = rng.pick([
    () => weirdString(rng, 8),
    () => "\u0000".repeat(100),
    () => "😀".repeat(50),
    () => "\ud800".repeat(100),
    () => "\u202e".repeat(100),
    () => '"'.repeat(100),
  ])();
  return name.trim() ? name : "x";
}

interface BodyVariant {
  describe: string;
  body: unknown;
  valid: boolean;
}

function accountBody(rng: Rng): BodyVariant {
  const token = { api_token: rng.pick(["not-a-real-token", "x".repeat(4096)]) };
  const base = { integration: "edesk", name: "fuzz", credentials: token };
  const variants: [string, unknown, boolean][] = [
    ["empty object", {}, false],
    ["integration zendesk", { ...base, integration: "zendesk" }, false],
    ["integration missing", { name: "x", credentials: token }, false],
    ["credentials missing", { integration: "edesk" }, false],
    ["credentials string", { ...base, credentials: "tok" }, false],
    ["api_token empty", { ...base, credentials: { api_token: "" } }, false],
    ["api_token blank", { ...base, credentials: { api_token: "   " } }, false],
    ["api_token number", { ...base, credentials: { api_token: 1 } }, false],
    ["api_token too long", { ...base, credentials: { api_token: "t".repeat(4097) } }, false],
    [
      "api_token with controls",
      { ...base, credentials: { api_token: `a${weirdString(rng, 4)}\n\u0000b` } },
      false,
    ],
    ["api_token non-latin", { ...base, credentials: { api_token: "токен😀" } }, false],
    ["unknown credential key", { ...base, credentials: { ...token, secret: "x" } }, false],
    ["unknown top-level key", { ...base, [`x${dataKey(rng)}`]: jsonValue(rng) }, false],
    ["bad name", { ...base, name: badName(rng) }, false],
    // Well-formed, but eDesk refuses the token: still a 400 (the whoami check).
    ["token eDesk refuses", { ...base, name: oddName(rng) }, false],
  ];
  // Rarely, a token eDesk accepts: creates an account (one whoami from the fuzz-admin bucket).
  if (rng.chance(0.02)) {
    return {
      describe: "valid, odd name",
      body: { ...base, name: oddName(rng), credentials: { api_token: FUZZ_TENANTS.admin.token } },
      valid: true,
    };
  }
  const [describe, body, valid] = rng.pick(variants);
  return { describe, body, valid };
}

function accountPatch(rng: Rng): BodyVariant {
  const variants: [string, unknown, boolean][] = [
    ["empty object", {}, false],
    ["name null", { name: null }, false],
    ["bad name", { name: badName(rng) }, false],
    ["credentials empty", { credentials: {} }, false],
    ["credentials refused by eDesk", { credentials: { api_token: "nope" } }, false],
    ["api_token with controls", { credentials: { api_token: "a\r\nb" } }, false],
    ["integration", { integration: "edesk" }, false],
    ["unknown key", { [`x${dataKey(rng)}`]: 1 }, false],
    ["odd name", { name: oddName(rng) }, true],
  ];
  const [describe, body, valid] = rng.pick(variants);
  return { describe, body, valid };
}

function serverConfig(rng: Rng): [string, unknown, boolean] {
  return rng.pick<[string, unknown, boolean]>([
    ["methods empty", { methods: [] }, false],
    ["methods unknown", { methods: [weirdString(rng, 3) || "fly"] }, false],
    ["methods string", { methods: "read" }, false],
    ["methods blank item", { methods: ["  "] }, false],
    ["tags unknown", { tags: ["nope"] }, false],
    ["tags number", { tags: [1] }, false],
    ["no tool matches", { methods: ["delete"], tags: ["users"] }, false],
    ["require_api_token_auth string", { require_api_token_auth: "yes" }, false],
    ["tool_exposure unknown", { tool_exposure: "some" }, false],
    ["unknown config key", { [`x${dataKey(rng)}`]: true }, false],
    ["config array", [], false],
    ["config null", null, false],
    ["read tickets", { methods: ["read"], tags: ["tickets"] }, true],
    ["discovery", { tool_exposure: "discovery", require_api_token_auth: true }, true],
  ]);
}

function serverBody(rng: Rng, patch: boolean): BodyVariant {
  const name = patch ? {} : { name: "fuzz" };
  const soon = new Date(Date.now() + 30_000).toISOString();
  const later = new Date(Date.now() + 86_400_000).toISOString();
  const [configLabel, config, configValid] = serverConfig(rng);
  const variants: [string, unknown, boolean][] = [
    ["empty object", {}, false],
    ["bad name", { ...name, name: badName(rng) }, false],
    [`config: ${configLabel}`, { ...name, config }, configValid],
    ["expires_at not a date", { ...name, expires_at: weirdString(rng, 4) || "soon" }, false],
    ["expires_at without zone", { ...name, expires_at: "2030-01-01T00:00:00" }, false],
    ["expires_at number", { ...name, expires_at: Date.now() + 1e7 }, false],
    ["expires_at in the past", { ...name, expires_at: "2001-01-01T00:00:00Z" }, false],
    ["expires_at under 60 s", { ...name, expires_at: soon }, false],
    ["expires_at year 275760", { ...name, expires_at: "+275760-09-13T00:00:00Z" }, false],
    ["unknown key", { ...name, [`x${dataKey(rng)}`]: 1 }, false],
    ["url given", { ...name, url: "https://evil.example/mcp/x" }, false],
    ["id given", { ...name, id: "mcp_AAAAAAAAAAAAAAAA" }, false],
    ["deep config", { ...name, config: deepValue(2_000) }, false],
  ];
  // Valid servers are cheap (no eDesk call) but each one grows the account: keep them rare.
  if (rng.chance(0.03)) {
    variants.length = 0;
    variants.push(
      ["odd name, expiring", { name: oddName(rng), expires_at: later }, true],
      ["odd name", { name: oddName(rng) }, true],
    );
    if (patch) variants.push(["expires_at null", { expires_at: null }, true]);
  }
  const [describe, body, valid] = rng.pick(variants);
  // A valid-looking PATCH of nothing in particular is refused ("Send name, config and/or …").
  return { describe, body, valid: valid && !(patch && Object.keys(body as object).length === 0) };
}

function bodyFor(rng: Rng, route: Route): BodyVariant {
  if (route === "create account") return accountBody(rng);
  if (route === "patch account") return accountPatch(rng);
  return serverBody(rng, route === "patch server");
}

const AUTHS: [string, string | null, boolean][] = [
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

const isDotSegment = (segment: string) => /^(?:\.|%2e){1,2}$/i.test(segment);

/** An id that names nothing: path tricks (encoded or raw), wrong shapes, 10k characters. */
function trickyPathId(rng: Rng, kind: "acc" | "mcp"): string {
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

/** One admin API case. */
export function adminCase(rng: Rng, ctx: AdminContext): FuzzCase {
  const family = rng.weighted<string>([
    [12, "authorization"],
    [34, "body shape"],
    [10, "raw body"],
    [18, "ids"],
    [14, "query"],
    [6, "routes and methods"],
    [6, "sanity"],
  ]);
  const ids = { id: ctx.accountId, mcpId: ctx.serverId };
  const route = rng.pick(ROUTES);
  switch (family) {
    case "authorization": {
      const [label, value, accepted] = rng.pick(AUTHS);
      const headers: [string, string][] = [["content-type", "application/json"]];
      if (value !== null) headers.push(["authorization", value]);
      const safeRoute = destroys(route) ? "get account" : route;
      const body = hasBody(safeRoute) ? "{}" : undefined;
      const open = safeRoute === "openapi";
      return {
        family,
        describe: `${safeRoute} with ${label} authorization`,
        request: request(safeRoute, ids, { headers, body }),
        // With the key accepted, the empty body is what fails (or the read succeeds).
        expect: open ? OK : accepted ? { kind: "any" } : { kind: "admin-error", statuses: [401] },
      };
    }
    case "body shape": {
      const bodyRoute = rng.pick<Route>([
        "create account",
        "patch account",
        "create server",
        "patch server",
      ]);
      const variant = bodyFor(rng, bodyRoute);
      return {
        family: `body shape: ${bodyRoute}`,
        describe: `${bodyRoute} ${variant.describe}: ${brief(variant.body, 100)}`,
        request: request(bodyRoute, ids, { body: JSON.stringify(variant.body) }),
        expect: variant.valid ? OK : BAD_REQUEST,
      };
    }
    case "raw body": {
      const bodyRoute = rng.pick<Route>([
        "create account",
        "patch account",
        "create server",
        "patch server",
      ]);
      const [label, body, contentType, expect] = rng.pick<
        [string, string | Uint8Array, string | null, Expectation]
      >([
        [
          "malformed JSON",
          rng.pick(["{", "nul", "{'a':1}", '{"name":"x",}', "\ufeff\ufeff{}"]),
          "application/json",
          BAD_REQUEST,
        ],
        [
          "truncated JSON",
          '{"integration":"edesk","credentials":{"api_token":"x"',
          "application/json",
          BAD_REQUEST,
        ],
        ["JSON null", "null", "application/json", BAD_REQUEST],
        ["JSON array", "[]", "application/json", BAD_REQUEST],
        ["JSON string", '"x"', "application/json", BAD_REQUEST],
        ["__proto__ key", '{"__proto__":{"name":"x"},"name":"y"}', "application/json", BAD_REQUEST],
        [
          "deep nesting",
          '{"name":' + '{"a":'.repeat(10_000) + "1" + "}".repeat(10_001),
          "application/json",
          BAD_REQUEST,
        ],
        [
          "invalid UTF-8",
          new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
          "application/json",
          BAD_REQUEST,
        ],
        [
          "over 1 MiB",
          JSON.stringify({ name: "n".repeat(1024 * 1024) }),
          "application/json",
          { kind: "admin-error", statuses: [413] },
        ],
        ["text/plain", "{}", "text/plain", { kind: "admin-error", statuses: [415] }],
        [
          "multipart",
          "--x\r\n\r\n--x--",
          "multipart/form-data; boundary=x",
          { kind: "admin-error", statuses: [415] },
        ],
        [
          "no content-type",
          new TextEncoder().encode("{}"),
          null,
          { kind: "admin-error", statuses: [415] },
        ],
        ["empty body", "", "application/json", BAD_REQUEST],
      ]);
      const headers: [string, string][] = [["authorization", `Bearer ${API_KEY}`]];
      if (contentType) headers.push(["content-type", contentType]);
      const req = request(bodyRoute, ids, { body, headers });
      // The 1 MiB limit is checked on Content-Length too: SELF sends one, a direct call not.
      if (label === "over 1 MiB" && rng.chance(0.5)) req.via = "self";
      return {
        family: `raw body: ${label}`,
        describe: `${bodyRoute} ${label}`,
        request: req,
        expect,
      };
    }
    case "ids": {
      const which = rng.pick(["account", "server", "both", "cross-account"]);
      const tricked = {
        id: which === "server" ? ctx.accountId : trickyPathId(rng, "acc"),
        mcpId: which === "account" ? ctx.serverId : trickyPathId(rng, "mcp"),
      };
      if (which === "cross-account") {
        tricked.id = ctx.accountId;
        tricked.mcpId = ctx.otherServerId;
      }
      const idRoutes = ROUTES.filter((r) =>
        pathOf(r, "ID", "MCP").includes(which === "account" ? "ID" : "MCP"),
      );
      const idRoute = rng.pick(idRoutes.length ? idRoutes : ROUTES);
      // DELETE …/mcp/%2e%2e is DELETE of the account itself once the URL parser resolves the
      // dot segment: a case must never delete the fixtures the rest of the run relies on.
      if (destroys(idRoute)) {
        if (isDotSegment(tricked.id)) tricked.id = `${tricked.id}x`;
        if (isDotSegment(tricked.mcpId)) tricked.mcpId = `${tricked.mcpId}x`;
      }
      // DELETE takes no body, but one may come: it must change nothing.
      const body = hasBody(idRoute)
        ? JSON.stringify({ name: "fuzz" })
        : destroys(idRoute) && rng.chance(0.5)
          ? JSON.stringify(jsonValue(rng, 3))
          : undefined;
      return {
        family: `ids: ${which}`,
        describe: `${idRoute} id=${brief(tricked.id, 40)} mcpId=${brief(tricked.mcpId, 40)}`,
        request: request(idRoute, tricked, { body }),
        // A route that does not take the tricked id ignores it; otherwise nothing is found.
        // A dot segment (`%2e%2e`) is resolved by the URL parser, naming another route.
        expect:
          !isDotSegment(tricked.id) &&
          !isDotSegment(tricked.mcpId) &&
          pathOf(idRoute, "ID", "MCP").includes(
            which === "account" || which === "both" ? "ID" : "MCP",
          )
            ? NOT_FOUND
            : { kind: "any" },
      };
    }
    case "query":
      return queryCase(rng, ids);
    case "routes and methods": {
      const [label, method, path] = rng.pick<[string, string, string]>([
        ["unknown route", "GET", "/api/nope"],
        ["too deep", "GET", `/api/integrated-account/${ctx.accountId}/mcp/${ctx.serverId}/audit/x`],
        ["PUT account", "PUT", `/api/integrated-account/${ctx.accountId}`],
        ["POST server", "POST", `/api/integrated-account/${ctx.accountId}/mcp/${ctx.serverId}`],
        ["DELETE list", "DELETE", "/api/integrated-account"],
        ["PATCH openapi", "PATCH", "/api/openapi.json"],
        ["api root", "GET", "/api"],
        ["api slash", "GET", "/api/"],
        ["double slash", "GET", "/api//integrated-account"],
        ["encoded api", "GET", "/%61pi/integrated-account"],
      ]);
      return {
        family,
        describe: label,
        request: {
          method,
          url: `${ORIGIN}${path}`,
          headers: [
            ["authorization", `Bearer ${API_KEY}`],
            ["content-type", "application/json"],
          ],
          body: method === "GET" || method === "DELETE" ? undefined : "{}",
        },
        expect: { kind: "admin-error", statuses: [404, 405] },
      };
    }
    default: {
      const read = rng.pick<Route>([
        "list accounts",
        "get account",
        "preview tools",
        "list servers",
        "get server",
        "audit",
        "openapi",
      ]);
      return { family, describe: read, request: request(read, ids), expect: OK };
    }
  }
}

function queryCase(rng: Rng, ids: { id: string; mcpId: string }): FuzzCase {
  const number = () =>
    rng.pick([
      "0",
      "-1",
      "1.5",
      "1e400",
      "-1e400",
      "NaN",
      "abc",
      "",
      "101",
      "9".repeat(400),
      "0x10",
      " 5 ",
      "1,2",
    ]);
  const [label, route, query, expect] = rng.pick<[string, Route, string, Expectation]>([
    ["list limit", "list accounts", `?limit=${encodePart(number())}`, OK],
    [
      "list cursor",
      "list accounts",
      `?next_cursor=${encodePart(rng.pick([weirdString(rng, 6), "x".repeat(5000), btoa("junk"), "%%"]))}`,
      { kind: "any" },
    ],
    [
      "list both",
      "list accounts",
      `?limit=${encodePart(number())}&next_cursor=${encodePart(weirdString(rng, 4))}`,
      { kind: "any" },
    ],
    ["audit limit", "audit", `?limit=${encodePart(number())}`, OK],
    [
      "tools methods",
      "preview tools",
      `?methods=${encodePart(`zap${weirdString(rng, 4)}`)}`,
      BAD_REQUEST,
    ],
    [
      "tools tags",
      "preview tools",
      `?tags=${encodePart(`zap${weirdString(rng, 4)}`)}`,
      BAD_REQUEST,
    ],
    ["tools repeated", "preview tools", "?methods=read&methods=write&tags=tickets,users", OK],
    ["tools empty", "preview tools", "?methods=&tags=,,,", OK],
    ["tools matching nothing", "preview tools", "?methods=delete&tags=users", BAD_REQUEST],
    ["raw percent", "preview tools", "?methods=%E0%A4%A&tags=%", BAD_REQUEST],
  ]);
  return {
    family: `query: ${label}`,
    describe: `${route} ${brief(query, 80)}`,
    request: request(route, ids, { query }),
    expect,
  };
}
