import type { Config } from "../../lib/env";

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1 (RFC 6761 §6.3, RFC 1122 §3.2.1.3). */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === "[::1]"
  );
}

function hostnameOf(origin: string): string | undefined {
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined; // "null" and other opaque origins
  }
}

/**
 * DNS-rebinding protection (MCP spec, Streamable HTTP "Security Warning": servers MUST validate
 * the Origin header). Requests without `Origin` (non-browser clients) pass. A browser's origin
 * must be listed in ALLOWED_ORIGINS or be PUBLIC_BASE_URL's. The own origin is never taken from
 * the request: under DNS rebinding the attacker's page sends its own name as Host and Origin
 * alike. Without PUBLIC_BASE_URL only a loopback origin on a loopback Host passes, which keeps a
 * browser on the machine of a local `npm start` working.
 */
export function originAllowed(request: Request, config: Config): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  if (config.allowedOrigins.includes(origin)) return true;
  if (config.publicBaseUrl) return origin === new URL(config.publicBaseUrl).origin;
  const originHost = hostnameOf(origin);
  return (
    originHost !== undefined && isLoopback(originHost) && isLoopback(new URL(request.url).hostname)
  );
}
