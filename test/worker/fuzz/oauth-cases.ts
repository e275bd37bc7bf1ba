import { API_KEY } from "../helpers";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import type { FuzzRequest } from "./send";
import { deepJsonText, hugeString, jsonValue, plainString, weirdString } from "./values";

const ORIGIN = "https://mcp.example.com";
export const REDIRECT = "https://client.example/callback";

/** The fixtures: a sign-in server, an open one, a registered client and an mcp key. */
export interface OAuthContext {
  serverUrl: string;
  openServerUrl: string;
  clientId: string;
  key: string;
}

const ANY: Expectation = { kind: "any" };
const OAUTH_ERROR: Expectation = { kind: "oauth-error" };
const PAGE: Expectation = { kind: "page-or-redirect" };

/** One case against the OAuth endpoints. */
export function oauthCase(rng: Rng, ctx: OAuthContext): FuzzCase {
  const fuzzCase = rng.byWeight<() => FuzzCase>([
    [18, () => registerCase(rng)],
    [8, () => registerRawCase(rng)],
    [24, () => authorizeCase(rng, ctx)],
    [12, () => consentFormCase(rng, ctx)],
    [24, () => tokenCase(rng, ctx)],
    [8, () => discoveryCase(rng, ctx)],
    [6, () => methodCase(rng)],
  ])();
  // A sample goes through workerd's service binding, as a client would (send.ts); not the
  // authorize cases, whose redirects to the client the binding would follow.
  const redirects = fuzzCase.family === "authorize" || fuzzCase.family === "consent-form";
  if (!redirects && rng.chance(0.1)) fuzzCase.request.via = "self";
  return fuzzCase;
}

/** Client ID URLs a CIMD client might name, public or aimed at this network (SSRF). */
const CLIENT_ID_URLS = [
  "https://127.0.0.1/client.json",
  "https://localhost:8443/client.json",
  "https://[::1]/client.json",
  "https://[::ffff:127.0.0.1]/client.json",
  "https://10.0.0.1/client.json",
  "https://192.168.0.10/client.json",
  "https://169.254.169.254/latest/meta-data/",
  "https://2130706433/client.json",
  "https://0x7f.0.0.1/client.json",
  "https://intranet/client.json",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://client.example/oauth/metadata.json",
  "https://client.example/",
  "https://user:pw@client.example/c.json",
  "https://client.example/c.json#frag",
  "http://client.example/c.json",
  "https://client.example/%2e%2e/c.json",
] as const;

function clientId(rng: Rng, ctx: OAuthContext): string {
  return rng.byWeight<() => string>([
    [30, () => ctx.clientId],
    [30, () => rng.pick(CLIENT_ID_URLS)],
    [10, () => `https://client.example/${"a".repeat(rng.int(2_000, 20_000))}`],
    [10, () => weirdString(rng)],
    [10, () => plainString(rng, 16)],
    [10, () => ""],
  ])();
}

function resource(rng: Rng, ctx: OAuthContext): string[] {
  return rng.byWeight<() => string[]>([
    [30, () => [ctx.serverUrl]],
    [10, () => [ctx.openServerUrl]],
    [10, () => [`${ORIGIN}/mcp/${"A".repeat(43)}`]],
    [8, () => [`${ctx.serverUrl}/sse`]],
    [8, () => [`${ctx.serverUrl}?x=1`]],
    [8, () => [ctx.serverUrl, ctx.openServerUrl]],
    [8, () => ["https://elsewhere.example/mcp", `${ORIGIN}/oauth/servers/mcp_AAAAAAAAAAAAAAAA`]],
    [8, () => [weirdString(rng)]],
    [10, () => []],
  ])();
}

const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

function registerCase(rng: Rng): FuzzCase {
  const metadata: Record<string, unknown> = {
    client_name: "Fuzz client",
    redirect_uris: [REDIRECT],
    token_endpoint_auth_method: "none",
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
  };
  const field = rng.pick([
    "client_name",
    "redirect_uris",
    "token_endpoint_auth_method",
    "grant_types",
    "response_types",
    "client_uri",
    "logo_uri",
    "jwks",
    "scope",
    "contacts",
    "software_statement",
    "__proto__",
  ]);
  const value = rng.byWeight<() => unknown>([
    [20, () => jsonValue(rng, 3)],
    [10, () => weirdString(rng)],
    [8, () => hugeString(rng)],
    [8, () => Array.from({ length: rng.int(11, 2_000) }, (_, i) => `${REDIRECT}/${i}`)],
    [
      14,
      () => [
        rng.pick([
          "javascript:alert(1)",
          "data:text/html,<script>1</script>",
          "http://evil.example/cb",
          "https://client.example/cb#frag",
          "https://user:pw@client.example/cb",
          "cursor://anysphere.cursor-mcp/oauth/callback",
          "//client.example/cb",
          "",
        ]),
      ],
    ],
    [
      10,
      () =>
        rng.pick([
          "private_key_jwt",
          "client_secret_basic",
          "client_secret_post",
          ["implicit"],
          ["password", "client_credentials"],
          ["token"],
        ]),
    ],
    [6, () => JSON.parse(deepJsonText(rng.int(50, 3_000), "object"))],
  ])();
  if (field === "__proto__") {
    Object.defineProperty(metadata, "__proto__", { value, enumerable: true });
  } else metadata[field] = value;
  const body = JSON.stringify(metadata);
  return {
    family: "register",
    describe: `POST /oauth/register ${field}=${brief(value, 80)}`,
    request: {
      method: "POST",
      url: `${ORIGIN}/oauth/register`,
      headers: [["content-type", "application/json"]],
      body,
    },
    expect: body.length > 16 * 1024 ? { kind: "oauth-error", statuses: [413] } : ANY,
  };
}

function registerRawCase(rng: Rng): FuzzCase {
  const [label, body] = rng.pick<[string, string | Uint8Array]>([
    ["empty", ""],
    ["null", "null"],
    ["an array", "[]"],
    ["a number", "42"],
    ["cut JSON", '{"redirect_uris":["https://client.example/cb"'],
    ["deep nesting", deepJsonText(20_000, "array")],
    ["100k of JSON", JSON.stringify({ client_name: "x".repeat(100_000) })],
    ["bad UTF-8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
    ["form data", "client_name=x&redirect_uris=https://client.example/cb"],
  ]);
  const type = rng.pick([
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "",
  ]);
  const headers: [string, string][] = type ? [["content-type", type]] : [];
  return {
    family: "register-raw",
    describe: `POST /oauth/register ${label} as ${type || "no type"}`,
    request: { method: "POST", url: `${ORIGIN}/oauth/register`, headers, body },
    expect: OAUTH_ERROR,
  };
}

/** A valid authorization request with up to three of its parameters mutated or dropped. */
function authorizeQuery(rng: Rng, ctx: OAuthContext): [string, string][] {
  const mutations: Record<string, () => string | null> = {
    response_type: () => rng.pick(["token", "", "id_token", weirdString(rng), null]),
    client_id: () => (rng.chance(0.1) ? null : clientId(rng, ctx)),
    redirect_uri: () =>
      rng.pick([
        "https://evil.example/cb",
        `${REDIRECT}/x`,
        "",
        "javascript:alert(1)",
        weirdString(rng),
        null,
      ]),
    code_challenge: () => rng.pick(["", weirdString(rng), hugeString(rng).slice(0, 5_000), null]),
    code_challenge_method: () => rng.pick(["plain", "", "s256", weirdString(rng), null]),
    state: () => plainString(rng, rng.int(0, 64)),
    scope: () => rng.pick(["mcp offline_access", "openid", "", weirdString(rng), null]),
  };
  const params = new Map<string, string | null>([
    ["response_type", "code"],
    ["client_id", ctx.clientId],
    ["redirect_uri", REDIRECT],
    ["code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"],
    ["code_challenge_method", "S256"],
    ["state", "fuzz"],
    ["scope", "mcp"],
  ]);
  const names = Object.keys(mutations);
  for (let i = rng.int(0, 3); i > 0; i--) {
    const name = rng.pick(names);
    params.set(name, mutations[name]!());
  }
  const query = [...params].filter((entry): entry is [string, string] => entry[1] !== null);
  const resources = rng.chance(0.3) ? resource(rng, ctx) : [ctx.serverUrl];
  return [...query, ...resources.map((value): [string, string] => ["resource", value])];
}

function authorizeCase(rng: Rng, ctx: OAuthContext): FuzzCase {
  const params = authorizeQuery(rng, ctx);
  const method = rng.byWeight([
    [90, "GET"],
    [5, "HEAD"],
    [5, "PUT"],
  ] as const);
  return {
    family: "authorize",
    describe: `${method} /oauth/authorize ${brief(Object.fromEntries(params), 200)}`,
    request: { method, url: `${ORIGIN}/oauth/authorize?${form(params)}` },
    expect: method === "GET" ? PAGE : ANY,
  };
}

/** The consent form posted without the page's cookie, or with a forged one. */
function consentFormCase(rng: Rng, ctx: OAuthContext): FuzzCase {
  const query = form([
    ["response_type", "code"],
    ["client_id", ctx.clientId],
    ["redirect_uri", REDIRECT],
    ["code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"],
    ["code_challenge_method", "S256"],
    ["resource", ctx.serverUrl],
  ]);
  const fields: [string, string][] = [];
  if (rng.chance(0.8))
    fields.push(["handle", rng.pick([plainString(rng, 43), "", weirdString(rng)])]);
  if (rng.chance(0.8))
    fields.push(["decision", rng.pick(["approve", "deny", "", weirdString(rng)])]);
  if (rng.chance(0.8)) {
    fields.push([
      "key",
      rng.pick([ctx.key, API_KEY, "wrong", "x".repeat(300), weirdString(rng), ""]),
    ]);
  }
  const huge = rng.chance(0.08);
  const body = huge ? `handle=${"x".repeat(20_000)}` : form(fields);
  const headers: [string, string][] = [
    ["content-type", rng.chance(0.85) ? "application/x-www-form-urlencoded" : "application/json"],
  ];
  if (rng.chance(0.5))
    headers.push([
      "cookie",
      `__Host-oauth-consent-${plainString(rng, 16)}=${plainString(rng, 64)}`,
    ]);
  return {
    family: "consent-form",
    describe: `POST /oauth/authorize ${huge ? "a 20 KB form" : brief(Object.fromEntries(fields))}`,
    request: { method: "POST", url: `${ORIGIN}/oauth/authorize?${query}`, headers, body },
    expect: PAGE,
  };
}

/** A code, refresh token or access token: garbage, or shaped like ours but unknown. */
function credential(rng: Rng): string {
  const ours = () =>
    `mcp_${plainString(rng, 16)}.${rng.pick(["env", `key_${plainString(rng, 16)}`])}:${plainString(rng, 16)}:${plainString(rng, 32)}`;
  return rng.byWeight<() => string>([
    [40, ours],
    [20, () => plainString(rng, rng.int(1, 80))],
    [15, () => weirdString(rng)],
    [10, () => `a:b:c`],
    [5, () => hugeString(rng).slice(0, 20_000)],
    [10, () => ""],
  ])();
}

function tokenCase(rng: Rng, ctx: OAuthContext): FuzzCase {
  const fields: [string, string][] = [];
  const maybe = (name: string, value: () => string, p = 0.7) => {
    if (rng.chance(p)) fields.push([name, value()]);
  };
  maybe(
    "grant_type",
    () =>
      rng.pick([
        "authorization_code",
        "refresh_token",
        "client_credentials",
        "password",
        "urn:ietf:params:oauth:grant-type:token-exchange",
        "urn:ietf:params:oauth:grant-type:jwt-bearer",
        "",
        weirdString(rng),
      ]),
    0.9,
  );
  maybe("code", () => credential(rng));
  maybe("refresh_token", () => credential(rng), 0.4);
  maybe("token", () => credential(rng), 0.15);
  maybe("code_verifier", () => plainString(rng, rng.int(0, 128)));
  maybe("redirect_uri", () => rng.pick([REDIRECT, "https://evil.example/cb", weirdString(rng)]));
  maybe("client_id", () => clientId(rng, ctx), 0.85);
  maybe("client_secret", () => plainString(rng, 32), 0.1);
  maybe(
    "client_assertion_type",
    () => "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    0.1,
  );
  maybe(
    "client_assertion",
    () => `e30.${btoa(JSON.stringify({ iss: rng.pick(CLIENT_ID_URLS) })).replace(/=+$/, "")}.sig`,
    0.1,
  );
  for (const value of resource(rng, ctx)) fields.push(["resource", value]);
  const headers: [string, string][] = [];
  const type = rng.byWeight([
    [80, "application/x-www-form-urlencoded"],
    [8, "application/json"],
    [6, "multipart/form-data; boundary=x"],
    [6, ""],
  ] as const);
  if (type) headers.push(["content-type", type]);
  if (rng.chance(0.1)) {
    const user = encodeURIComponent(rng.pick([ctx.clientId, ...CLIENT_ID_URLS]));
    headers.push(["authorization", `Basic ${rng.chance(0.8) ? btoa(`${user}:secret`) : "%%%"}`]);
  }
  const huge = rng.chance(0.05);
  const body = huge ? `grant_type=refresh_token&refresh_token=${"x".repeat(40_000)}` : form(fields);
  return {
    family: "token",
    describe: `POST /oauth/token ${type || "no type"} ${huge ? "40 KB" : brief(Object.fromEntries(fields), 200)}`,
    request: { method: "POST", url: `${ORIGIN}/oauth/token`, headers, body },
    expect:
      huge && type.startsWith("application/x-www")
        ? { kind: "oauth-error", statuses: [413] }
        : OAUTH_ERROR,
  };
}

function discoveryCase(rng: Rng, ctx: OAuthContext): FuzzCase {
  const openToken = ctx.openServerUrl.slice(ctx.openServerUrl.lastIndexOf("/") + 1);
  const path = rng.pick([
    "/.well-known/oauth-authorization-server",
    "/.well-known/oauth-authorization-server/extra",
    "/.well-known/oauth-protected-resource",
    `/.well-known/oauth-protected-resource/mcp/${openToken}`,
    `/.well-known/oauth-protected-resource/mcp/${"A".repeat(43)}`,
    "/.well-known/oauth-protected-resource/mcp/../admin",
    "/.well-known/oauth-protected-resource/mcp/%2e%2e%2fapi",
    `/.well-known/oauth-protected-resource/mcp/${"A".repeat(10_000)}`,
    "/.well-known/openid-configuration",
    "/oauth/",
    "/oauth/servers/mcp_AAAAAAAAAAAAAAAA",
    `/oauth/${weirdString(rng).replace(/[?#]/g, "")}`,
  ]);
  const method = rng.pick(["GET", "GET", "HEAD", "OPTIONS", "POST", "DELETE"]);
  const request: FuzzRequest = { method, url: `${ORIGIN}${path}` };
  if (method === "OPTIONS") request.headers = [["origin", "https://claude.ai"]];
  return { family: "discovery", describe: `${method} ${brief(path, 100)}`, request, expect: ANY };
}

function methodCase(rng: Rng): FuzzCase {
  const path = rng.pick(["/oauth/register", "/oauth/token", "/oauth/authorize"]);
  const method = rng.pick(["GET", "PUT", "DELETE", "PATCH", "OPTIONS"]);
  return {
    family: "methods",
    describe: `${method} ${path}`,
    request: { method, url: `${ORIGIN}${path}` },
    expect: ANY,
  };
}
