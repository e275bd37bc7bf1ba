/**
 * Where a Client ID Metadata Document may live. The library fetches a CIMD client's `client_id`
 * (an https URL) from the worker, so a client ID naming an internal address would make the
 * worker fetch it (SSRF). Names that cannot be public are refused before any fetch: IP
 * addresses, `localhost`, single-label and internal names. A public name that resolves to a
 * private address is the platform's to refuse: with `global_fetch_strictly_public` a deployed
 * worker's fetch goes out as to the public Internet. `OAUTH_CIMD_ALLOW_LOOPBACK=true`
 * (development and tests only) admits loopback hosts, where a local test serves its document.
 */
export function cimdClientIdAllowed(clientId: string, allowLoopback: boolean): boolean {
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    return true; // not a URL: a registered client's id, looked up in KV, never fetched
  }
  if (url.protocol !== "https:") return true; // the library resolves only https ids as CIMD
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (isLoopback(host)) return allowLoopback;
  if (host.startsWith("[") || /^[\d.]+$/.test(host) || /^0x/i.test(host)) return false;
  if (!host.includes(".")) return false;
  return !/\.(?:localhost|local|internal|intranet|lan|home\.arpa|corp)$/.test(host);
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1, as the URL parser writes them. */
function isLoopback(host: string): boolean {
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === "[::1]"
  );
}

/**
 * Every client id a token request names: `client_id`, the user of HTTP Basic, and the `iss` of
 * a `client_assertion` (which the library reads when `client_id` is absent).
 */
export function clientIdsOfTokenRequest(request: Request, form: URLSearchParams): string[] {
  const ids = form.getAll("client_id");
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (basic) {
    try {
      const user = atob(basic).split(":")[0] ?? "";
      ids.push(decodeURIComponent(user));
    } catch {
      // Malformed: the library answers invalid_client without fetching.
    }
  }
  const assertion = form.get("client_assertion")?.split(".")[1];
  if (assertion) {
    try {
      const json = atob(assertion.replace(/-/g, "+").replace(/_/g, "/"));
      const iss = (JSON.parse(json) as { iss?: unknown }).iss;
      if (typeof iss === "string") ids.push(iss);
    } catch {
      // Unreadable: the library cannot read an issuer from it either.
    }
  }
  return ids;
}
