import {
  ANY,
  INVALID_PARAMS,
  NOT_A_MESSAGE,
  PROTO_REFUSED,
  request,
  type BodyCase,
} from "./body-kit";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { deepJsonText, jsonValue, weirdString } from "./values";

// Bodies that are JSON but not the message they should be: wrong shapes, batches, params,
// prototype keys, deep nesting.

export function shapeCase(rng: Rng): BodyCase {
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

export function batchCase(rng: Rng): BodyCase {
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

export function paramsCase(rng: Rng): BodyCase {
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

/** `__proto__` (plain or escaped), `constructor` and `prototype` keys at every level. */
export function prototypeKeysCase(rng: Rng): BodyCase {
  const family = "prototype keys";
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

/** 1,000 to 100,000 levels of objects or arrays: JSON.parse copes, nothing may recurse. */
export function deepNestingCase(rng: Rng): BodyCase {
  const family = "deep nesting";
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
