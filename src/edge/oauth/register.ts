import type { Env } from "../../lib/env";
import { AppError } from "../../lib/http/errors";
import { readBody } from "../../lib/http/read-json";
import { authorizationServer } from "./authorization-server";
import { oauthError } from "./oauth-error";
import { addressGroup, registrationLimit } from "../../server/oauth/registration-limit";
import { MAX_REGISTRATION_BYTES } from "./registration-policy";

/**
 * `POST /oauth/register`, RFC 7591 Dynamic Client Registration, answered by the library. The
 * body is read here first, within MAX_REGISTRATION_BYTES (the library would take 1 MiB), and
 * the library's clientRegistrationCallback applies the field bounds. Registrations are counted
 * per hour (registration-limit.ts): past the bound, 429 with Retry-After and nothing stored.
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
  const limit = registrationLimit(env);
  const admitted = await limit.admit(addressGroup(request.headers.get("cf-connecting-ip")));
  if (admitted.ticket === undefined) {
    return oauthError(
      429,
      "temporarily_unavailable",
      `Too many client registrations in the last hour. Register again in ${admitted.wait} seconds, or sign in with a client that uses a Client ID Metadata Document.`,
      { "retry-after": String(admitted.wait) },
    );
  }
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  try {
    const response = await server.fetch(
      new Request(request.url, { method: "POST", headers, body }),
      env,
      ctx,
    );
    if (response.status !== 201) await limit.release(admitted.ticket);
    return response;
  } catch (error) {
    await limit.release(admitted.ticket);
    throw error;
  }
}
