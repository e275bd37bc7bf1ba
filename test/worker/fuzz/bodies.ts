import {
  ANY,
  HUGE_BODY_BYTES,
  METHOD_NOT_FOUND,
  PARSE_ERROR,
  request,
  type BodyCase,
} from "./body-kit";
import {
  batchCase,
  deepNestingCase,
  paramsCase,
  prototypeKeysCase,
  shapeCase,
} from "./body-structures";
import type { Rng } from "./prng";
import { brief } from "./runner";
import { dataKey, EDGE_NUMBERS, hugeString, LONE_SURROGATES, weirdString } from "./values";

export { HUGE_BODY_BYTES, pingBody, type BodyCase } from "./body-kit";

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

/** Every body family the MCP endpoints are fuzzed with (both transports). */
export function bodyCase(rng: Rng): BodyCase {
  return rng.byWeight<() => BodyCase>([
    [6, () => malformedCase(rng)],
    [6, () => truncatedCase(rng)],
    [10, () => shapeCase(rng)],
    [4, () => batchCase(rng)],
    [6, () => unknownMethodCase(rng)],
    [8, () => paramsCase(rng)],
    [6, () => unicodeCase(rng)],
    [4, () => prototypeKeysCase(rng)],
    [2, () => deepNestingCase(rng)],
    [1, () => hugeCase(rng)],
    [2, () => invalidUtf8Case(rng)],
    [3, () => oddIdCase(rng)],
  ])();
}

function malformedCase(rng: Rng): BodyCase {
  const body = rng.pick(MALFORMED);
  return { family: "malformed JSON", describe: brief(body), body, expect: PARSE_ERROR };
}

function truncatedCase(rng: Rng): BodyCase {
  const full = request(rng.int(1, 99), rng.pick(KNOWN_METHODS), { x: weirdString(rng, 4) });
  const cut = rng.int(1, full.length - 1);
  return {
    family: "truncated JSON",
    describe: `${brief(full, 60)} cut at ${cut}`,
    body: full.slice(0, cut),
    expect: PARSE_ERROR,
  };
}

function unknownMethodCase(rng: Rng): BodyCase {
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
  return {
    family: "unknown method",
    describe: `method=${brief(method, 60)}`,
    body,
    expect: METHOD_NOT_FOUND,
  };
}

function unicodeCase(rng: Rng): BodyCase {
  const params = {
    [dataKey(rng)]: weirdString(rng, 10),
    _meta: { [dataKey(rng)]: weirdString(rng, 6) },
  };
  // NUL, controls, lone surrogates and RTL marks are all fine in JSON strings and keys:
  // the ping must succeed, with its odd id echoed.
  const body = request(weirdString(rng, 3) || "id", "ping", params);
  return {
    family: "unicode and control characters",
    describe: brief(body, 120),
    body,
    expect: { kind: "ok" },
  };
}

function hugeCase(rng: Rng): BodyCase {
  const pad = hugeString(rng).slice(0, 10);
  const text = request(1, "ping", { pad: pad.repeat(Math.ceil(HUGE_BODY_BYTES / pad.length)) });
  return {
    family: "huge body",
    describe: `${text.length}-char ping`,
    body: text,
    expect: { kind: "jsonrpc-error", status: 413 },
  };
}

function invalidUtf8Case(rng: Rng): BodyCase {
  const body = brokenBytes(rng);
  return {
    family: "invalid UTF-8",
    describe: `bytes ${brief(Array.from(body.slice(40, 48)))}`,
    body,
    expect: ANY,
  };
}

function oddIdCase(rng: Rng): BodyCase {
  const id = rng.pick<unknown>([
    ...EDGE_NUMBERS,
    "",
    weirdString(rng, 5),
    "x".repeat(10_000),
    ...LONE_SURROGATES,
  ]);
  return {
    family: "odd ids",
    describe: `id=${brief(id, 60)}`,
    body: request(id, "ping"),
    expect: ANY,
  };
}
