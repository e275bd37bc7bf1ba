import type { z } from "zod";
import { AppError } from "./errors";

/** Request bodies above this are refused with 413 (issue: bodies over 1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads at most `limit` bytes of a body, refusing larger ones without buffering them whole. */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Reads and drops a body nobody needs. Answering before the body forwarded to a Durable Object
 * is consumed leaves the client's keep-alive connection stuck (seen under wrangler dev with
 * mcp-remote), so every early answer of the MCP endpoint drains it first; past `limit` bytes
 * the rest is cancelled instead.
 */
export async function discardBody(request: Request, limit = MAX_BODY_BYTES): Promise<void> {
  if (!request.body || request.bodyUsed) return;
  try {
    await readBody(request, limit);
  } catch {
    // Too large or already broken: readBody cancelled the stream.
  }
}

function tooLarge(limit: number): AppError {
  return new AppError(413, "payload_too_large", `Request body exceeds ${limit} bytes.`);
}

/** Parses a JSON body against a zod schema; 415, 400 and 413 with field details on failure. */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<z.infer<T>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const bytes = await readBody(request);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError(400, "invalid_request", "The body is not valid JSON.");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError(400, "invalid_request", "The body does not match the expected shape.", {
      details: parsed.error.issues.map((issue) => ({
        field: issue.path.join(".") || "(body)",
        message: issue.message,
      })),
    });
  }
  return parsed.data;
}
