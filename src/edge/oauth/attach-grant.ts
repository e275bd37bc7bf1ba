import type { Config, Env } from "../../lib/env";
import { bearer } from "../../server/keys/check";
import { serverIdOfCredential } from "../../server/oauth/grant";
import { OAUTH_GRANT_HEADER } from "../../server/oauth/mcp-auth";
import { grantResource, issuerOrigin } from "../../server/oauth/urls";
import { authorizationServer } from "./authorization-server";

/**
 * The worker's half of OAuth on `/mcp/*`: an access token of this server's grant resource is
 * validated here, where the token endpoint wrote it (KV reads its own writes in one location,
 * while the ServerObject may live in another), and its props go on to the ServerObject.
 */
export async function attachOAuthGrant(
  request: Request,
  headers: Headers,
  env: Env,
  config: Config,
  serverId: string,
): Promise<void> {
  headers.delete(OAUTH_GRANT_HEADER);
  const token = bearer(request);
  // Only our own shape, and only a token naming this server, is looked up at all.
  if (!token || serverIdOfCredential(token) !== serverId) return;
  const origin = issuerOrigin(request, config);
  if (!origin) return;
  const resource = grantResource(origin, serverId);
  const valid = await authorizationServer(origin, serverId).validateToken(resource, token, env);
  if (valid) headers.set(OAUTH_GRANT_HEADER, JSON.stringify(valid.props));
}
