import type { Config, Env } from "../../lib/env";
import { AppError } from "../../lib/http/errors";
import { authorize } from "./authorize";
import { oauthError } from "./oauth-error";
import { authorizationServerMetadata, protectedResourceMetadata } from "./metadata";
import { register } from "./register";
import { token } from "./token";
import {
  AS_METADATA_PATH,
  AUTHORIZE_PATH,
  issuerOrigin,
  PRM_PREFIX,
  REGISTER_PATH,
  TOKEN_PATH,
} from "../../server/oauth/urls";

/** The authorization server's paths: its metadata, the per-server resource metadata, `/oauth/*`. */
export function isOAuthPath(pathname: string): boolean {
  return (
    pathname === AS_METADATA_PATH ||
    pathname === PRM_PREFIX ||
    pathname.startsWith(`${PRM_PREFIX}/`) ||
    pathname.startsWith("/oauth/")
  );
}

/** Routes an OAuth request; every answer is the library's or ours, never a stack. */
export async function routeOAuth(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  config: Config,
): Promise<Response> {
  const origin = issuerOrigin(request, config);
  if (!origin) throw new AppError(404, "not_found", "Sign-in needs https.");
  const { pathname } = new URL(request.url);
  if (pathname === AS_METADATA_PATH) {
    return withErrorBody(await authorizationServerMetadata(request, env, ctx, origin));
  }
  if (pathname.startsWith(`${PRM_PREFIX}/`)) return protectedResourceMetadata(request, env, origin);
  if (pathname === AUTHORIZE_PATH) return authorize(request, env, origin);
  if (pathname === TOKEN_PATH) return withErrorBody(await token(request, env, ctx, origin));
  if (pathname === REGISTER_PATH) return withErrorBody(await register(request, env, ctx, origin));
  throw new AppError(404, "not_found", "No such route.");
}

/** The library answers a wrong method on its metadata with an empty 405: give it a body. */
function withErrorBody(response: Response): Response {
  if (response.status < 400 || response.headers.has("content-type")) return response;
  const error = response.status === 405 ? "Method not allowed." : "No such route.";
  return oauthError(
    response.status,
    "invalid_request",
    error,
    Object.fromEntries(response.headers),
  );
}
