import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { brief } from "./runner";
import {
  dataKey,
  deepJsonText,
  EDGE_NUMBERS,
  hugeString,
  jsonValue,
  LONE_SURROGATES,
  weirdString,
} from "./values";

/** A POST body for an MCP endpoint, what it must get, and how to describe it. */
export interface BodyCase {
  family: string;
  describe: string;
  body: string | Uint8Array;
  expect: Expectation;
}

const PARSE_ERROR: Expectation = { kind: "jsonrpc-error", codes: [-32700] };
// JSON that is not a JSON-RPC message: -32600 (JSON-RPC 2.0 §5.1, the README's error table).
const NOT_A_MESSAGE: Expectation = { kind: "jsonrpc-error", codes: [-32600] };
/** A `__proto__` key anywhere refuses the whole message (src/mcp/read-message.ts). */
const PROTO_REFUSED: Expectation = { kind: "jsonrpc-error", codes: [-32600], status: 400 };
const METHOD_NOT_FOUND: Expectation = { kind: "jsonrpc-error", codes: [-32601] };
const INVALID_PARAMS: Expectation = { kind: "jsonrpc-error", codes: [-32602] };
const ANY: Expectation = { kind: "any" };

/** Over MAX_BODY_BYTES (1 MiB): must be 413 whatever it holds. */
export const HUGE_BODY_BYTES = 1024 * 1024 + 1;

const MALFORMED = [
  "",
  " ",
  "{",
  "}",
  "[",
  "{]",
  "nul",
  "tru",
  "undefined",
  "NaN",
  "{'jsonrpc':'2.0'}",
  '{"jsonrpc":"2.0",}',
  '{"jsonrpc":"2.0" "id":1}',
  "{jsonrpc:2.0}",
  '{"a":1}{"b":2}',
  '{"jsonrpc":"2.0","id":1,"method":"ping"}x',
  // UTF-8 decoding drops one BOM; the second is not JSON.
  "\ufeff\ufeff{}",
  '{"a":"\u0000"}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '{"a":01}',
  '{"a":.5}',
  '{"a":+1}',
  '{"a":Infinity}',
  "/* c */ {}",
  '{"a":"b"',
  '"unterminated',
  "\u0000",
  "<xml/>",
  "jsonrpc=2.0&method=ping",
];

/** A valid request as text, for truncation and framing. */
const request = (id: unknown, method: string, params?: unknown) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });

const KNOWN_METHODS = ["ping", "tools/list", "tools/call", "logging/setLevel", "initialize"];

/** JSON text with a raw invalid UTF-8 sequence or a NUL byte inside a string. */
function brokenBytes(rng: Rng): Uint8Array {
  const text = request(1, "ping", { note: "XX" });
  const bytes = new TextEncoder().encode(text);
  const at = text.indexOf("XX");
  const bad = rng.pick([
    [0xff, 0xfe],
    [0xc3, 0x28],
    [0xed, 0xa0],
    [0x00, 0x00],
    [0xf8, 0x88],
  ]);
  bytes.set(bad, at);
  return bytes;
}

/** Every body family the MCP endpoints are fuzzed with. */
export function bodyCase(rng: Rng): BodyCase {
  const family = rng.weighted<string>([
    [6, "malformed JSON"],
    [6, "truncated JSON"],
    [10, "wrong JSON-RPC shape"],
    [4, "batch"],
    [6, "unknown method"],
    [8, "bad params"],
    [6, "unicode and control characters"],
    [4, "prototype keys"],
    [2, "deep nesting"],
    [1, "huge body"],
    [2, "invalid UTF-8"],
    [3, "odd ids"],
  ]);
  switch (family) {
    case "malformed JSON": {
      const body = rng.pick(MALFORMED);
      return { family, describe: brief(body), body, expect: PARSE_ERROR };
    }
    case "truncated JSON": {
      const full = request(rng.int(1, 99), rng.pick(KNOWN_METHODS), { x: weirdString(rng, 4) });
      const cut = rng.int(1, full.length - 1);
      return {
        family,
        describe: `${brief(full, 60)} cut at ${cut}`,
        body: full.slice(0, cut),
        expect: PARSE_ERROR,
      };
    }
    case "wrong JSON-RPC shape":
      return shapeCase(rng);
    case "batch":
      return batchCase(rng);
    case "unknown method": {
      const method = rng.pick([
        () => weirdString(rng, 6),
        () => "tools/list ",
        () => "TOOLS/LIST",
        () => "resources/list",
        () => "prompts/get",
        () => "completion/complete",
        () => "rpc.discover",
        () => "__proto__",
        () => "constructor",
        () => "m".repeat(20_000),
      ])();
      const body = request(rng.int(1, 1e6), method, rng.chance(0.5) ? {} : undefined);
      // An empty method name is still a method nobody serves; every name gets -32601.
      return { family, describe: `method=${brief(method, 60)}`, body, expect: METHOD_NOT_FOUND };
    }
    case "bad params":
      return paramsCase(rng);
    case "unicode and control characters": {
      const params = {
        [dataKey(rng)]: weirdString(rng, 10),
        _meta: { [dataKey(rng)]: weirdString(rng, 6) },
      };
      // NUL, controls, lone surrogates and RTL marks are all fine in JSON strings and keys:
      // the ping must succeed, with its odd id echoed.
      const body = request(weirdString(rng, 3) || "id", "ping", params);
      return { family, describe: brief(body, 120), body, expect: { kind: "ok" } };
    }
    case "prototype keys": {
      const where = rng.pick(["message", "params", "_meta", "arguments", "nested argument"]);
      const key = rng.pick(["__proto__", "\\u005f_proto__", "constructor", "prototype"]);
      const inner = `{"${key}":{"polluted":true,"name":"list_all_e_desk_users","isError":false}}`;
      const call = (args: string) =>
        `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"list_all_e_desk_users","arguments":${args}}}`;
      const body =
        where === "message"
          ? `{"jsonrpc":"2.0","id":7,"method":"ping","${key}":{"polluted":true}}`
          : where === "params"
            ? `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":${inner}}`
            : where === "_meta"
              ? `{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"_meta":${inner}}}`
              : where === "arguments"
                ? call(inner)
                : call(`{"limit":${inner}}`);
      const proto = key.endsWith("_proto__");
      // Other keys are plain data: an unknown argument (isError), or ignored where the
      // protocol allows extra members. Either way nothing reaches eDesk (checked upstream).
      return { family, describe: `${key} in ${where}`, body, expect: proto ? PROTO_REFUSED : ANY };
    }
    case "deep nesting": {
      const depth = rng.pick([1_000, 10_000, 100_000]);
      const kind = rng.pick(["object", "array"] as const);
      const where = rng.pick(["whole body", "params", "arguments", "id"]);
      const deep = deepJsonText(depth, kind);
      const body =
        where === "whole body"
          ? deep
          : where === "params"
            ? `{"jsonrpc":"2.0","id":3,"method":"ping","params":{"x":${deep}}}`
            : where === "arguments"
              ? `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_all_e_desk_users","arguments":{"x":${deep}}}}`
              : `{"jsonrpc":"2.0","id":${deep},"method":"ping"}`;
      return {
        family,
        describe: `${depth} levels of ${kind} in ${where}`,
        body,
        expect: where === "whole body" || where === "id" ? NOT_A_MESSAGE : ANY,
      };
    }
    case "huge body": {
      const pad = hugeString(rng).slice(0, 10);
      const text = request(1, "ping", { pad: pad.repeat(Math.ceil(HUGE_BODY_BYTES / pad.length)) });
      return {
        family,
        describe: `${text.length}-char ping`,
        body: text,
        expect: { kind: "jsonrpc-error", status: 413 },
      };
    }
    case "invalid UTF-8": {
      const body = brokenBytes(rng);
      return {
        family,
        describe: `bytes ${brief(Array.from(body.slice(40, 48)))}`,
        body,
        expect: ANY,
      };
    }
    default: {
      const id = rng.pick<unknown>([
        ...EDGE_NUMBERS,
        "",
        weirdString(rng, 5),
        "x".repeat(10_000),
        ...LONE_SURROGATES,
      ]);
      const body = request(id, "ping");
      return { family, describe: `id=${brief(id, 60)}`, body, expect: ANY };
    }
  }
}

function shapeCase(rng: Rng): BodyCase {
  const family = "wrong JSON-RPC shape";
  const shapes: [string, unknown, Expectation][] = [
    ["null", null, NOT_A_MESSAGE],
    ["number", 42, NOT_A_MESSAGE],
    ["string", "ping", NOT_A_MESSAGE],
    ["true", true, NOT_A_MESSAGE],
    ["empty object", {}, NOT_A_MESSAGE],
    ["no jsonrpc", { id: 1, method: "ping" }, NOT_A_MESSAGE],
    ["jsonrpc 1.0", { jsonrpc: "1.0", id: 1, method: "ping" }, NOT_A_MESSAGE],
    ["jsonrpc number", { jsonrpc: 2, id: 1, method: "ping" }, NOT_A_MESSAGE],
    ["jsonrpc null", { jsonrpc: null, id: 1, method: "ping" }, NOT_A_MESSAGE],
    ["no method", { jsonrpc: "2.0", id: 1 }, NOT_A_MESSAGE],
    ["method number", { jsonrpc: "2.0", id: 1, method: 7 }, NOT_A_MESSAGE],
    ["method null", { jsonrpc: "2.0", id: 1, method: null }, NOT_A_MESSAGE],
    ["method object", { jsonrpc: "2.0", id: 1, method: { name: "ping" } }, NOT_A_MESSAGE],
    ["id object", { jsonrpc: "2.0", id: { a: 1 }, method: "ping" }, NOT_A_MESSAGE],
    ["id array", { jsonrpc: "2.0", id: [1], method: "ping" }, NOT_A_MESSAGE],
    ["id boolean", { jsonrpc: "2.0", id: true, method: "ping" }, NOT_A_MESSAGE],
    ["id null", { jsonrpc: "2.0", id: null, method: "ping" }, ANY],
    [
      "result and error",
      { jsonrpc: "2.0", id: 1, result: {}, error: { code: 1, message: "x" } },
      ANY,
    ],
    ["error wrong type", { jsonrpc: "2.0", id: 1, error: "boom" }, NOT_A_MESSAGE],
    // Notifications and responses get no answer: 202 is right, and so is an error.
    ["notification, unknown method", { jsonrpc: "2.0", method: weirdString(rng, 4) }, ANY],
    [
      "notification with params",
      { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: jsonValue(rng) } },
      ANY,
    ],
    ["response", { jsonrpc: "2.0", id: 99, result: jsonValue(rng) }, ANY],
    ["extra members", { jsonrpc: "2.0", id: 1, method: "ping", extra: jsonValue(rng) }, ANY],
  ];
  const [describe, value, expect] = rng.pick(shapes);
  return { family, describe, body: JSON.stringify(value), expect };
}

function batchCase(rng: Rng): BodyCase {
  const family = "batch";
  const items = rng.pick<[string, unknown[]]>([
    ["empty array", []],
    ["array of null", [null]],
    ["nested array", [[request(1, "ping")]]],
    ["two pings", [JSON.parse(request(1, "ping")), JSON.parse(request(2, "ping"))]],
    ["ping and garbage", [JSON.parse(request(1, "ping")), 5]],
    ["101 pings", Array.from({ length: 101 }, (_, i) => JSON.parse(request(i, "ping")))],
    [
      "initialize in a batch",
      [JSON.parse(request(1, "initialize", {})), JSON.parse(request(2, "ping"))],
    ],
    ["unknown methods", [JSON.parse(request(1, "nope")), JSON.parse(request(2, "nope/2"))]],
  ]);
  const [describe, value] = items;
  // Batching left the protocol in 2025-06-18; answering one is fine, so is refusing it.
  const refused =
    describe === "empty array" || describe === "array of null" || describe === "nested array";
  return { family, describe, body: JSON.stringify(value), expect: refused ? NOT_A_MESSAGE : ANY };
}

function paramsCase(rng: Rng): BodyCase {
  const family = "bad params";
  // params that are not an object make the message invalid as a whole (-32600); an object
  // with wrong members is a params fault of that method (-32602).
  const notObject: Expectation = NOT_A_MESSAGE;
  const cases: [string, string, unknown, Expectation][] = [
    ["tools/list params array", "tools/list", [1], notObject],
    ["tools/list params string", "tools/list", "x", notObject],
    ["tools/call params null", "tools/call", null, notObject],
    ["ping params array", "ping", [1, 2], notObject],
    ["_meta not an object", "tools/list", { _meta: "x" }, notObject],
    ["tools/list cursor number", "tools/list", { cursor: 5 }, INVALID_PARAMS],
    ["tools/call without name", "tools/call", { arguments: {} }, INVALID_PARAMS],
    ["tools/call name number", "tools/call", { name: 12 }, INVALID_PARAMS],
    ["tools/call name null", "tools/call", { name: null }, INVALID_PARAMS],
    [
      "tools/call arguments array",
      "tools/call",
      { name: "list_all_e_desk_users", arguments: [] },
      INVALID_PARAMS,
    ],
    [
      "tools/call arguments null",
      "tools/call",
      { name: "list_all_e_desk_users", arguments: null },
      INVALID_PARAMS,
    ],
    [
      "logging/setLevel unknown level",
      "logging/setLevel",
      { level: weirdString(rng, 3) || "loud" },
      INVALID_PARAMS,
    ],
    ["logging/setLevel no level", "logging/setLevel", {}, INVALID_PARAMS],
    // The SDK's message schema types _meta.progressToken, so this fails as a message.
    ["progressToken object", "tools/list", { _meta: { progressToken: { a: 1 } } }, notObject],
  ];
  const [describe, method, params, expect] = rng.pick(cases);
  return { family, describe, body: request(rng.int(1, 1e6), method, params), expect };
}

/** A request whose answer proves the session still works (sanity cases between the fuzz). */
export function pingBody(id: number): string {
  return request(id, "ping");
}
