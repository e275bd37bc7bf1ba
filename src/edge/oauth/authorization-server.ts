import { OAuthAuthorizationServer, OAuthError } from "@cloudflare/workers-oauth-provider";
import { BoundedMap } from "../../lib/collections/bounded-map";
import type { Env } from "../../lib/env";
import { redact } from "../../lib/http/errors";
import { mcpKeyHashAllows } from "../../server/keys/check";
import { isGrantProps } from "../../server/oauth/grant";
import { isServerId } from "../../server/tokens/token";
import { serverObject } from "../../server/server-object/server-object";
import { checkRegistration } from "./registration-policy";
import {
  AUTHORIZE_PATH,
  grantResource,
  MCP_SCOPE,
  REGISTER_PATH,
  TOKEN_PATH,
} from "../../server/oauth/urls";

/** Access tokens live 15 minutes; the refresh token (rotated on use) keeps a grant 30 days. */
export const ACCESS_TOKEN_TTL_S = 15 * 60;
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 60 * 60;

/** Stands in for "no server" where the library needs a resource but none is at stake. */
const NO_SERVER = "none";

/**
 * The library's registry of resources is fixed when it is built, and every MCP server is a
 * resource of its own, created at run time. So one authorization server is built per
 * (issuer, server), with that server's grant resource as its only one: the library itself then
 * refuses a code, refresh token or access token of another server (`invalid_grant`,
 * `invalid_target`, or no match). Building one costs no I/O; a small LRU keeps them per isolate.
 */
const MAX_INSTANCES = 256;
const instances = new BoundedMap<string, OAuthAuthorizationServer<Env>>(MAX_INSTANCES);

export function authorizationServer(
  origin: string,
  serverId: string | null,
): OAuthAuthorizationServer<Env> {
  const key = `${origin} ${serverId ?? NO_SERVER}`;
  const hit = instances.get(key);
  if (hit) return hit;
  const instance = build(origin, serverId ?? NO_SERVER);
  instances.set(key, instance);
  return instance;
}

/** The library serves CIMD only with this compatibility flag (its SSRF protection). */
function strictlyPublicFetch(): boolean {
  const flags = (globalThis as { Cloudflare?: { compatibilityFlags?: Record<string, boolean> } })
    .Cloudflare?.compatibilityFlags;
  return flags?.global_fetch_strictly_public === true;
}

function build(origin: string, serverId: string): OAuthAuthorizationServer<Env> {
  return new OAuthAuthorizationServer<Env>({
    issuer: origin,
    resources: [grantResource(origin, serverId)],
    authorizeEndpoint: AUTHORIZE_PATH,
    tokenEndpoint: TOKEN_PATH,
    clientRegistrationEndpoint: REGISTER_PATH,
    scopesSupported: [MCP_SCOPE],
    accessTokenTTL: ACCESS_TOKEN_TTL_S,
    refreshTokenTTL: REFRESH_TOKEN_TTL_S,
    clientIdMetadataDocumentEnabled: strictlyPublicFetch(),
    clientRegistrationCallback: ({ clientMetadata }) => checkRegistration(clientMetadata),
    // Runs on every code exchange and refresh: a revoked, expired or deleted server, or a revoked
    // approving key, ends the grant here (invalid_grant also makes the library revoke it).
    tokenExchangeCallback: async ({ props, env, resource }) => {
      const server = await grantStillValid(env, props);
      if (!server || resource !== grantResource(origin, server.id)) {
        throw new OAuthError("invalid_grant", {
          description:
            "This sign-in no longer opens the MCP server: the server was revoked or expired, or the key that approved it was revoked. Sign in again.",
        });
      }
    },
    onError: ({ status, code, internal }) => {
      // Descriptions may echo client input; the stable reason slugs say what failed.
      console.warn(redact(`oauth ${status} ${code}: ${internal.category}/${internal.reason}`));
    },
  });
}

/**
 * The ServerObject stays the authority: a grant works only while its server exists, has not
 * expired and belongs to the same account, and while the key that approved it still opens it.
 */
async function grantStillValid(
  env: Env,
  props: unknown,
): Promise<{ id: string; account_id: string } | null> {
  if (!isGrantProps(props) || !isServerId(props.server_id)) return null;
  const view = await serverObject(env, props.server_id).view();
  if (!view || view.account_id !== props.account_id) return null;
  return (await mcpKeyHashAllows(props.key_hash, env, view.account_id)) ? view : null;
}
