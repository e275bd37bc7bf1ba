import { env, SELF } from "cloudflare:test";
import { ORIGIN } from "./helpers";

export const REDIRECT_URI = "https://client.example/callback";

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** A PKCE pair (RFC 7636, S256). */
export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

export async function postJson(path: string, body: unknown) {
  const response = await SELF.fetch(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Dynamic Client Registration of a public client, as MCP clients do it. */
export async function registerClient(redirectUris = [REDIRECT_URI]): Promise<string> {
  const res = await postJson("/oauth/register", {
    client_name: "Workerd test client",
    redirect_uris: redirectUris,
    token_endpoint_auth_method: "none",
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.client_id;
}

export function authorizeUrl(
  clientId: string,
  resource: string,
  challenge: string,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "state-1",
    scope: "mcp",
    resource,
    ...extra,
  });
  return `${ORIGIN}/oauth/authorize?${params}`;
}

/** Opens the consent page as a browser would: its HTML, handle and binding cookie. */
export async function openConsent(url: string) {
  const response = await SELF.fetch(url, { redirect: "manual" });
  const html = await response.text();
  const handle = /name="handle" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { status: response.status, headers: response.headers, html, handle, cookie };
}

/** Posts the consent form back to the page's URL. */
export async function submitConsent(
  url: string,
  page: { handle: string; cookie: string },
  fields: Record<string, string>,
) {
  const response = await SELF.fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: page.cookie },
    body: new URLSearchParams({ handle: page.handle, ...fields }).toString(),
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

export async function tokenRequest(fields: Record<string, string>) {
  const response = await SELF.fetch(`${ORIGIN}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

/** The whole flow for one server: DCR, consent with `key`, code exchange. */
export async function signIn(serverUrl: string, key: string) {
  const clientId = await registerClient();
  const { verifier, challenge } = await pkce();
  const url = authorizeUrl(clientId, serverUrl, challenge);
  const page = await openConsent(url);
  if (page.status !== 200) throw new Error(`consent page: ${page.status} ${page.html}`);
  const approved = await submitConsent(url, page, { decision: "approve", key });
  const location = new URL(approved.headers.get("location") ?? "about:blank");
  const code = location.searchParams.get("code");
  if (!code) throw new Error(`no code: ${approved.status} ${location}`);
  const tokens = await tokenRequest({
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
    client_id: clientId,
    resource: serverUrl,
  });
  if (tokens.status !== 200)
    throw new Error(`token: ${tokens.status} ${JSON.stringify(tokens.body)}`);
  return { clientId, code, verifier, tokens: tokens.body as Record<string, any> };
}

/** Every key of the OAuth namespace with its value, for storage assertions. */
export async function oauthKv(prefix = ""): Promise<{ name: string; value: string | null }[]> {
  const listed = await env.OAUTH_KV.list({ prefix });
  return Promise.all(
    listed.keys.map(async (key) => ({ name: key.name, value: await env.OAUTH_KV.get(key.name) })),
  );
}
