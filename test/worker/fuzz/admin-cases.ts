import { API_KEY } from "../helpers";
import { bodyFor, rawBody } from "./admin-bodies";
import {
  AUTHS,
  destroys,
  hasBody,
  isDotSegment,
  pathOf,
  request,
  ROUTES,
  trickyPathId,
  type Route,
} from "./admin-routes";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import { encodePart, jsonValue, weirdString } from "./values";

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

/** One admin API case. */
export function adminCase(rng: Rng, ctx: AdminContext): FuzzCase {
  const ids = { id: ctx.accountId, mcpId: ctx.serverId };
  return rng.byWeight<() => FuzzCase>([
    [12, () => authorizationCase(rng, ids)],
    [34, () => bodyShapeCase(rng, ids)],
    [10, () => rawBodyCase(rng, ids)],
    [18, () => idsCase(rng, ctx)],
    [14, () => queryCase(rng, ids)],
    [6, () => routesCase(rng, ctx)],
    [6, () => sanityCase(rng, ids)],
  ])();
}

type Ids = { id: string; mcpId: string };
const BODY_ROUTES: readonly Route[] = [
  "create account",
  "patch account",
  "create server",
  "patch server",
  "create key",
];

function authorizationCase(rng: Rng, ids: Ids): FuzzCase {
  const [label, value, accepted] = rng.pick(AUTHS);
  const headers: [string, string][] = [["content-type", "application/json"]];
  if (value !== null) headers.push(["authorization", value]);
  const picked = rng.pick(ROUTES);
  const route = destroys(picked) ? "get account" : picked;
  const body = hasBody(route) ? "{}" : undefined;
  return {
    family: "authorization",
    describe: `${route} with ${label} authorization`,
    request: request(route, ids, { headers, body }),
    // With the key accepted, the empty body is what fails (or the read succeeds).
    expect:
      route === "openapi"
        ? OK
        : accepted
          ? { kind: "any" }
          : { kind: "admin-error", statuses: [401] },
  };
}

function bodyShapeCase(rng: Rng, ids: Ids): FuzzCase {
  const route = rng.pick(BODY_ROUTES);
  const variant = bodyFor(rng, route);
  return {
    family: `body shape: ${route}`,
    describe: `${route} ${variant.describe}: ${brief(variant.body, 100)}`,
    request: request(route, ids, { body: JSON.stringify(variant.body) }),
    expect: variant.valid
      ? OK
      : { ...BAD_REQUEST, ...(variant.field ? { field: variant.field } : {}) },
  };
}

function rawBodyCase(rng: Rng, ids: Ids): FuzzCase {
  const route = rng.pick(BODY_ROUTES);
  const [label, body, contentType, expect] = rawBody(rng);
  const headers: [string, string][] = [["authorization", `Bearer ${API_KEY}`]];
  if (contentType) headers.push(["content-type", contentType]);
  const req = request(route, ids, { body, headers });
  // The 1 MiB limit is checked on Content-Length too: SELF sends one, a direct call not.
  if (label === "over 1 MiB" && rng.chance(0.5)) req.via = "self";
  return { family: `raw body: ${label}`, describe: `${route} ${label}`, request: req, expect };
}

function idsCase(rng: Rng, ctx: AdminContext): FuzzCase {
  const which = rng.pick(["account", "server", "both", "cross-account"]);
  const tricked =
    which === "cross-account"
      ? { id: ctx.accountId, mcpId: ctx.otherServerId }
      : {
          id: which === "server" ? ctx.accountId : trickyPathId(rng, "acc"),
          mcpId: which === "account" ? ctx.serverId : trickyPathId(rng, "mcp"),
        };
  const placeholder = which === "account" ? "ID" : "MCP";
  const route = rng.pick(ROUTES.filter((r) => pathOf(r, "ID", "MCP").includes(placeholder)));
  // DELETE …/mcp/%2e%2e is DELETE of the account itself once the URL parser resolves the
  // dot segment: a case must never delete the fixtures the rest of the run relies on.
  if (destroys(route)) {
    if (isDotSegment(tricked.id)) tricked.id = `${tricked.id}x`;
    if (isDotSegment(tricked.mcpId)) tricked.mcpId = `${tricked.mcpId}x`;
  }
  // DELETE takes no body, but one may come: it must change nothing.
  const body = hasBody(route)
    ? JSON.stringify({ name: "fuzz" })
    : destroys(route) && rng.chance(0.5)
      ? JSON.stringify(jsonValue(rng, 3))
      : undefined;
  // A dot segment (`%2e%2e`) is resolved by the URL parser, naming another route.
  const resolvesElsewhere = isDotSegment(tricked.id) || isDotSegment(tricked.mcpId);
  return {
    family: `ids: ${which}`,
    describe: `${route} id=${brief(tricked.id, 40)} mcpId=${brief(tricked.mcpId, 40)}`,
    request: request(route, tricked, { body }),
    expect: resolvesElsewhere ? { kind: "any" } : NOT_FOUND,
  };
}

function routesCase(rng: Rng, ctx: AdminContext): FuzzCase {
  const account = `/api/integrated-account/${ctx.accountId}`;
  const [label, method, path] = rng.pick<[string, string, string]>([
    ["unknown route", "GET", "/api/nope"],
    ["too deep", "GET", `${account}/mcp/${ctx.serverId}/audit/x`],
    ["PUT account", "PUT", account],
    ["POST server", "POST", `${account}/mcp/${ctx.serverId}`],
    ["DELETE list", "DELETE", "/api/integrated-account"],
    ["PATCH openapi", "PATCH", "/api/openapi.json"],
    ["api root", "GET", "/api"],
    ["api slash", "GET", "/api/"],
    ["double slash", "GET", "/api//integrated-account"],
    ["encoded api", "GET", "/%61pi/integrated-account"],
  ]);
  return {
    family: "routes and methods",
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

/** A plain read between the fuzz: proves the fixtures and the API still work. */
function sanityCase(rng: Rng, ids: Ids): FuzzCase {
  const read = rng.pick<Route>([
    "list accounts",
    "get account",
    "preview tools",
    "list servers",
    "get server",
    "audit",
    "usage",
    "list keys",
    "openapi",
  ]);
  return { family: "sanity", describe: read, request: request(read, ids), expect: OK };
}

function queryCase(rng: Rng, ids: Ids): FuzzCase {
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
