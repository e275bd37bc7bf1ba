import { parseConfig, type Env } from "../../lib/env";
import { AppError } from "../../lib/http/errors";
import { readBody } from "../../lib/http/read-json";
import { findServerId } from "../../server/tokens/token-store";
import { sha256Hex } from "../../server/tokens/token";
import { authorizationServer } from "./authorization-server";
import { cimdClientIdAllowed, clientIdsOfTokenRequest } from "./client-id-policy";
import { serverIdOfCredential } from "../../server/oauth/grant";
import { isServerId } from "../../server/tokens/token";
import { oauthError } from "./oauth-error";
import { grantResource, tokenOfServerUrl } from "../../server/oauth/urls";

/** Token requests are a few hundred bytes; a signed client assertion is at most 16 KiB. */
const MAX_TOKEN_REQUEST_BYTES = 32 * 1024;

const FORM = /^application\/x-www-form-urlencoded\b/i;

/**
 * `POST /oauth/token` (code exchange, refresh, RFC 7009 revocation), answered by the library.
 * Two things are ours: the body is bounded before anything reads it, and the client's `resource`
 * (the server URL, carrying its token) becomes the server's grant resource on the way in and
 * the server URL again on the way out, so the library never stores the token. The server is
 * named by the resource, or else by the code, refresh token or token being revoked.
 */
export async function token(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  origin: string,
): Promise<Response> {
  if (request.method !== "POST" || !FORM.test(request.headers.get("content-type") ?? "")) {
    // The library's own answers: 405, or invalid_request for another content type.
    return authorizationServer(origin, null).fetch(request, env, ctx);
  }
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(
      new TextDecoder().decode(await readBody(request, MAX_TOKEN_REQUEST_BYTES)),
    );
  } catch (error) {
    if (error instanceof AppError && error.status === 413) {
      return oauthError(413, "invalid_request", "The token request is too large.");
    }
    throw error;
  }
  const allowLoopback = parseConfig(env).oauthCimdAllowLoopback;
  if (
    !clientIdsOfTokenRequest(request, form).every((id) => cimdClientIdAllowed(id, allowLoopback))
  ) {
    // The library's answer for a client it cannot resolve, without the fetch.
    return oauthError(401, "invalid_client", "Client not found");
  }
  const resources = form.getAll("resource");
  let serverId: string | null = null;
  if (resources.length > 0) {
    const token = resources.length === 1 ? tokenOfServerUrl(resources[0]!, origin) : null;
    if (!token) {
      return oauthError(
        400,
        "invalid_target",
        "The resource must be the URL of one MCP server of this service.",
      );
    }
    const routed = await findServerId(env.TOKENS, await sha256Hex(token));
    if (!routed || !isServerId(routed)) {
      // A server URL that no longer routes: revoked, expired or deleted (or never made; the
      // answer does not tell them apart, as the MCP 404 does not).
      return oauthError(
        400,
        "invalid_grant",
        "The MCP server this sign-in was for no longer exists. Sign in again.",
      );
    }
    serverId = routed;
    form.set("resource", grantResource(origin, serverId));
  } else {
    const credential = form.get("code") ?? form.get("refresh_token") ?? form.get("token") ?? "";
    serverId = serverIdOfCredential(credential);
  }

  const headers = new Headers(request.headers);
  headers.delete("content-length");
  const inner = new Request(request.url, { method: "POST", headers, body: form.toString() });
  const response = await authorizationServer(origin, serverId).fetch(inner, env, ctx);
  return withClientResource(response, resources.length === 1 ? resources[0]! : undefined);
}

/** The token response names the resource as the client did (RFC 8707 §2.2), or not at all. */
async function withClientResource(response: Response, resource?: string): Promise<Response> {
  if (!response.ok || !response.headers.get("content-type")?.includes("application/json")) {
    return response;
  }
  const body = (await response.json()) as Record<string, unknown>;
  if (!("resource" in body)) return new Response(JSON.stringify(body), response);
  if (resource) body.resource = resource;
  else delete body.resource;
  return new Response(JSON.stringify(body), response);
}
