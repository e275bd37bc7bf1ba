import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { FUZZ_TENANTS } from "./setup";
import type { Route } from "./admin-routes";
import { dataKey, deepValue, hugeString, jsonValue, weirdString } from "./values";

// Request bodies for the admin API's body routes (src/edge/admin/schemas.ts, src/server/keys/schemas.ts), each marked
// valid or not: invalid ones must get 400, valid ones succeed.

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

export interface BodyVariant {
  describe: string;
  body: unknown;
  valid: boolean;
  /** For an invalid body: the field its 400's details must name. */
  field?: string;
}

/** A value `max_calls_per_minute` refuses: wrong type, fraction, out of range. */
function badBudget(rng: Rng, min: number, max: number): unknown {
  return rng.pick<unknown>([
    min - 1,
    max + 1,
    -1,
    1.5,
    Number.MAX_SAFE_INTEGER,
    String(min + 1),
    true,
    [min],
    { n: min },
    ...(min > 0 ? [0] : []),
  ]);
}

/**
 * The guard-rail fields of a server's config (README "Guard rails") with bad values: each must
 * get a 400 whose details name the field.
 */
function badGuardConfig(rng: Rng): [string, Record<string, unknown>, string] {
  return rng.pick<[string, Record<string, unknown>, string]>([
    [
      "confirm unknown mode",
      {
        confirm: rng.pick(["on", "always", "Writes", "", "customer-visible", weirdString(rng, 4)]),
      },
      "config.confirm",
    ],
    [
      "confirm not a string",
      { confirm: rng.pick<unknown>([true, 1, null, ["writes"], {}]) },
      "config.confirm",
    ],
    [
      "max_calls_per_minute bad",
      { max_calls_per_minute: badBudget(rng, 1, 600) },
      "config.max_calls_per_minute",
    ],
    ["max_calls_per_minute null", { max_calls_per_minute: null }, "config.max_calls_per_minute"],
    [
      "loop_guard not a boolean",
      { loop_guard: rng.pick<unknown>(["false", 0, 1, null, "off", []]) },
      "config.loop_guard",
    ],
  ]);
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
    [
      "max_calls_per_minute bad",
      { ...base, max_calls_per_minute: badBudget(rng, 10, 60_000) },
      false,
    ],
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
  const field = describe.startsWith("max_calls") ? "max_calls_per_minute" : undefined;
  return { describe, body, valid, field };
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
    ["max_calls_per_minute bad", { max_calls_per_minute: badBudget(rng, 10, 60_000) }, false],
    ["odd name", { name: oddName(rng) }, true],
    // Budgets change nothing but the account's own bucket: cheap, and valid.
    ["max_calls_per_minute", { max_calls_per_minute: rng.int(10, 60_000) }, true],
    ["max_calls_per_minute null", { max_calls_per_minute: null }, true],
  ];
  const [describe, body, valid] = rng.pick(variants);
  const field = !valid && describe.startsWith("max_calls") ? "max_calls_per_minute" : undefined;
  return { describe, body, valid, field };
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
    [
      "guard rails",
      {
        confirm: rng.pick(["off", "customer_visible", "writes"]),
        max_calls_per_minute: rng.int(1, 600),
        loop_guard: rng.chance(0.5),
      },
      true,
    ],
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
  // The guard-rail fields: a good rest of the config, so the 400 can only be about them.
  const [guardLabel, guardConfig, guardField] = badGuardConfig(rng);
  const guardCase: [string, unknown, boolean] = [
    `config: ${guardLabel}`,
    { ...name, config: { methods: ["read"], ...guardConfig } },
    false,
  ];
  if (rng.chance(0.25)) {
    return { describe: guardCase[0], body: guardCase[1], valid: false, field: guardField };
  }
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

/** `POST /api/keys` (src/server/keys/schemas.ts): name, scope, account_ids. */
function keyBody(rng: Rng): BodyVariant {
  const base = { name: "fuzz", scope: "mcp" };
  const accountId = "acc_AAAAAAAAAAAAAAAA";
  const variants: [string, unknown, boolean][] = [
    ["empty object", {}, false],
    ["bad name", { ...base, name: badName(rng) }, false],
    ["scope missing", { name: "fuzz" }, false],
    [
      "scope unknown",
      { ...base, scope: rng.pick(["root", "ADMIN", "", weirdString(rng, 4)]) },
      false,
    ],
    ["scope array", { ...base, scope: ["mcp"] }, false],
    ["account_ids empty", { ...base, account_ids: [] }, false],
    ["account_ids string", { ...base, account_ids: accountId }, false],
    ["account_ids malformed", { ...base, account_ids: [weirdString(rng, 8) || "x"] }, false],
    ["account_ids unknown", { ...base, account_ids: [accountId] }, false],
    ["account_ids repeated", { ...base, account_ids: [accountId, accountId] }, false],
    ["account_ids huge", { ...base, account_ids: Array(10_000).fill(accountId) }, false],
    ["admin with account_ids", { ...base, scope: "admin", account_ids: [accountId] }, false],
    ["key given", { ...base, key: "emk_chosen" }, false],
    ["hash given", { ...base, hash: "0".repeat(64) }, false],
    ["unknown key", { ...base, [`x${dataKey(rng)}`]: jsonValue(rng) }, false],
  ];
  // Each valid body stores a key (at most MAX_KEYS): keep them rare.
  if (rng.chance(0.03)) {
    return {
      describe: "valid, odd name",
      body: { name: oddName(rng), scope: rng.pick(["mcp", "admin"]) },
      valid: true,
    };
  }
  const [describe, body, valid] = rng.pick(variants);
  return { describe, body, valid };
}

export function bodyFor(rng: Rng, route: Route): BodyVariant {
  if (route === "create account") return accountBody(rng);
  if (route === "create key") return keyBody(rng);
  if (route === "patch account") return accountPatch(rng);
  return serverBody(rng, route === "patch server");
}

const BAD_REQUEST: Expectation = { kind: "admin-error", statuses: [400] };

/** A body that is not JSON of any shape, or not sent as JSON: label, bytes, type, answer. */
export function rawBody(rng: Rng): [string, string | Uint8Array, string | null, Expectation] {
  return rng.pick<[string, string | Uint8Array, string | null, Expectation]>([
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
}
