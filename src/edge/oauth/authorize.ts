import {
  AuthorizationError,
  authorizationErrorRedirect,
  CimdFetchError,
  type AuthRequest,
  type OAuthHelpers,
} from "@cloudflare/workers-oauth-provider";
import { parseConfig, type Env } from "../../lib/env";
import { readBody } from "../../lib/http/read-json";
import { mcpKeyFor } from "../../server/keys/check";
import { previewTools } from "../../engine/tools/toolset";
import { authorizationServer } from "./authorization-server";
import { cimdClientIdAllowed } from "./client-id-policy";
import { consentPage, messagePage, pageHeaders } from "./consent-page";
import { grantUserId, type GrantProps } from "../../server/oauth/grant";
import { serverOfResource, type ProtectedServer } from "./protected-server";
import { grantResource, MCP_SCOPE } from "../../server/oauth/urls";
import { accountObject } from "../../server/accounts/account-object";
import { serverObject } from "../../server/server-object/server-object";

const MAX_FORM_BYTES = 16 * 1024;
const MAX_KEY_LENGTH = 256;

interface Flow {
  origin: string;
  /** The server the client's `resource` names, when it exists and requires sign-in. */
  server: ProtectedServer | null;
  oauth: OAuthHelpers;
}

/**
 * `GET /oauth/authorize` shows the consent page; the page's form posts back to the same URL.
 * The library validates the request (client, exact redirect URI, response type, PKCE S256,
 * resource) and keeps it server-side between the two; this module adds what is ours: which
 * server the resource names, and the MCP key that approves.
 */
export async function authorize(request: Request, env: Env, origin: string): Promise<Response> {
  if (request.method !== "GET" && request.method !== "POST") {
    return html(405, messagePage("Method not allowed", "Open this page from your app."));
  }
  const clientId = new URL(request.url).searchParams.get("client_id") ?? "";
  if (!cimdClientIdAllowed(clientId, parseConfig(env).oauthCimdAllowLoopback)) {
    return html(
      400,
      messagePage(
        "This app cannot sign in here",
        "Its client ID must be an https address on a public host name.",
      ),
    );
  }
  try {
    const flow = await start(request, env, origin);
    const authRequest = await validate(flow, request);
    if (authRequest instanceof Response) return authRequest;
    const server = flow.server!;
    if (request.method === "GET") return await showConsent(flow, authRequest, server, env);
    return await decide(request, flow, authRequest, server, env);
  } catch (error) {
    if (error instanceof AuthorizationError) {
      if (error.redirectTo) return redirect(error.redirectTo);
      return html(400, messagePage("This sign-in cannot go on", error.description));
    }
    if (error instanceof CimdFetchError) {
      return html(
        400,
        messagePage(
          "This app could not be verified",
          "Its client ID is a metadata document that could not be fetched or is not valid.",
        ),
      );
    }
    throw error;
  }
}

/** Maps the client's `resource` (a server URL, with its token) to the server's grant resource. */
async function start(request: Request, env: Env, origin: string): Promise<Flow> {
  const resources = new URL(request.url).searchParams.getAll("resource");
  const server = resources.length === 1 ? await serverOfResource(env, resources[0]!, origin) : null;
  return {
    origin,
    server,
    oauth: authorizationServer(origin, server?.id ?? null).getOAuthApi(env),
  };
}

async function validate(flow: Flow, request: Request): Promise<AuthRequest | Response> {
  const url = new URL(request.url);
  if (flow.server) url.searchParams.set("resource", grantResource(flow.origin, flow.server.id));
  // An unknown resource stays as it is, and the library answers it (invalid_target) once the
  // client and its redirect URI are known to be genuine.
  const authRequest = await flow.oauth.parseAuthRequest(new Request(url, { method: "GET" }));
  if (!flow.server) {
    return redirect(
      authorizationErrorRedirect(
        authRequest,
        "invalid_target",
        "The resource must be the URL of an MCP server that requires sign-in.",
      ),
    );
  }
  // OAuth 2.1 and MCP: PKCE for every client, S256 only (the library refuses plain).
  if (!authRequest.codeChallenge) {
    return redirect(
      authorizationErrorRedirect(authRequest, "invalid_request", "PKCE with S256 is required."),
    );
  }
  return authRequest;
}

async function showConsent(
  flow: Flow,
  authRequest: AuthRequest,
  server: ProtectedServer,
  env: Env,
  refusal?: string,
  status = 403,
): Promise<Response> {
  const client = await flow.oauth.describeConsent(authRequest);
  // A refused key starts a fresh transaction rather than echoing the posted handle.
  const consent = await flow.oauth.beginConsent(authRequest);
  const account = await accountObject(env, server.account_id).get();
  const body = consentPage({
    client,
    serverName: server.name,
    accountName: account?.name ?? "(deleted account)",
    tools: previewTools(server.config),
    handle: consent.handle,
    error: refusal,
  });
  return new Response(body, {
    status: refusal ? status : 200,
    headers: pageHeaders(consent.headers, authRequest.redirectUri),
  });
}

async function readForm(request: Request): Promise<URLSearchParams | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return null;
  return new URLSearchParams(new TextDecoder().decode(await readBody(request, MAX_FORM_BYTES)));
}

/**
 * The form: Deny goes back to the client with access_denied; Allow needs a key that opens the
 * server (the header path's check). A refused key shows the page again and grants nothing.
 */
async function decide(
  request: Request,
  flow: Flow,
  authRequest: AuthRequest,
  server: ProtectedServer,
  env: Env,
): Promise<Response> {
  const form = await readForm(request);
  if (!form) return html(400, messagePage("This form could not be read", "Send it from the page."));
  const handle = form.get("handle") ?? "";
  if (form.get("decision") === "deny") {
    const denied = await flow.oauth.denyConsent(request, handle);
    return new Response(null, { status: 302, headers: denied.headers });
  }
  const presented = (form.get("key") ?? "").trim();
  const checked = presented !== "" && presented.length <= MAX_KEY_LENGTH;
  // Wrong keys are throttled per server (consent-attempts.ts); while throttled no key is
  // checked, the right one included, so the page tells a guesser nothing.
  const object = serverObject(env, server.id);
  const wait = checked ? await object.takeConsentAttempt() : 0;
  if (wait === null) {
    return html(404, messagePage("This sign-in cannot go on", "The MCP server no longer exists."));
  }
  if (wait > 0) {
    const refused = await showConsent(
      flow,
      authRequest,
      server,
      env,
      `Too many wrong keys for this MCP server. Wait ${wait} seconds, then enter the key again. Nothing was granted.`,
      429,
    );
    refused.headers.set("retry-after", String(wait));
    return refused;
  }
  const key = checked ? await mcpKeyFor(presented, env, server.account_id) : null;
  if (!key) {
    return showConsent(
      flow,
      authRequest,
      server,
      env,
      "This key does not open this MCP server. Nothing was granted.",
    );
  }
  await object.consentKeyAccepted();
  // The request to grant is the one stored when the page was shown, never the form's or URL's.
  const approved = await flow.oauth.approveConsent(request, handle, { scope: [MCP_SCOPE] });
  if (approved.request.resource !== grantResource(flow.origin, server.id)) {
    return html(400, messagePage("This sign-in cannot go on", "The page was for another server."));
  }
  const props: GrantProps = {
    server_id: server.id,
    account_id: server.account_id,
    key_hash: key.hash,
  };
  const { redirectTo } = await flow.oauth.completeAuthorization({
    request: approved.request,
    userId: grantUserId(server.id, key),
    metadata: { server_id: server.id },
    scope: [MCP_SCOPE],
    props,
  });
  approved.headers.set("location", redirectTo);
  return new Response(null, { status: 302, headers: approved.headers });
}

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location, "cache-control": "no-store" } });
}

function html(status: number, body: string): Response {
  return new Response(body, { status, headers: pageHeaders() });
}
