import { JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "../http/errors";
import { readBody } from "../http/read-json";
import { jsonRpcError } from "./json-rpc";

export type Parsed = { ok: true; body: unknown } | { ok: false; response: Response };

const isMessage = (value: unknown) => JSONRPCMessageSchema.safeParse(value).success;

/**
 * Reads a POSTed JSON-RPC body (one message or a batch) and answers what is wrong with it as
 * the README's error table says: 413 past 1 MiB, -32700 for text that is not JSON, -32600 for
 * JSON that is not a JSON-RPC 2.0 message (JSON-RPC 2.0 §5.1; the SDK would say -32700 "Parse
 * error" here, and accept an empty batch without answering).
 */
export async function readMessage(request: Request): Promise<Parsed> {
  let text: string;
  let body: unknown;
  try {
    text = new TextDecoder().decode(await readBody(request));
    body = JSON.parse(text);
  } catch (error) {
    if (error instanceof AppError && error.status === 413) {
      return { ok: false, response: jsonRpcError(413, -32600, error.message) };
    }
    return { ok: false, response: jsonRpcError(400, -32700, "Parse error: invalid JSON") };
  }
  const valid = Array.isArray(body) ? body.length > 0 && body.every(isMessage) : isMessage(body);
  if (!valid) {
    const what =
      Array.isArray(body) && body.length === 0 ? "an empty batch" : "not a JSON-RPC 2.0 message";
    return { ok: false, response: jsonRpcError(400, -32600, `Invalid Request: ${what}.`) };
  }
  return { ok: true, body };
}
