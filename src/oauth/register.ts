import type { Env } from "../env";
import { AppError } from "../http/errors";
import { readBody } from "../http/read-json";
import { authorizationServer } from "./authorization-server";
import { oauthError } from "./oauth-error";
import { MAX_REGISTRATION_BYTES } from "./registration-policy";

/**
 * `POST /oauth/register`, RFC 7591 Dynamic Client Registration, answered by the library. The
 * body is read here first, within MAX_REGISTRATION_BYTES (the library would take 1 MiB), and
 * the library's clientRegistrationCallback applies the field bounds.
 */
export async function register(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  origin: string,
): Promise<Response> {
  const server = authorizationServer(origin, null);
  if (request.method !== "POST") return server.fetch(request, env, ctx);
  let body: Uint8Array;
  try {
    body = await readBody(request, MAX_REGISTRATION_BYTES);
  } catch (error) {
    if (error instanceof AppError && error.status === 413) {
      return oauthError(
        413,
        "invalid_client_metadata",
        `Client metadata must be at most ${MAX_REGISTRATION_BYTES} bytes.`,
      );
    }
    throw error;
  }
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return server.fetch(new Request(request.url, { method: "POST", headers, body }), env, ctx);
}
