/** Client names are cut to this many characters (real ones are short: "claude-ai", "mcp-remote"). */
export const CLIENT_NAME_MAX = 100;
/** Client versions are cut to this many characters. */
export const CLIENT_VERSION_MAX = 40;

/** Which MCP client made a call, as the client named itself; never a credential. */
export interface ClientIdentity {
  name: string;
  version: string | null;
}

// C0 and C1 controls, DEL, and the bidi overrides that could make a name read as another.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function bounded(value: unknown, max: number): string | null {
  if (typeof value !== "string") return null;
  const text = value.replace(UNPRINTABLE, "").trim().slice(0, max);
  return text === "" ? null : text;
}

/**
 * The name and version a client declared: `initialize`'s `clientInfo` in the 2025 era, the
 * `io.modelcontextprotocol/clientInfo` entry of each request's `_meta` in 2026-07-28. Both are
 * the client's own free text, so both are bounded and stripped of control characters; a value
 * without a usable name is no identity at all.
 */
export function clientIdentity(info: unknown): ClientIdentity | undefined {
  if (typeof info !== "object" || info === null) return undefined;
  const { name, version } = info as { name?: unknown; version?: unknown };
  const shownName = bounded(name, CLIENT_NAME_MAX);
  if (!shownName) return undefined;
  return { name: shownName, version: bounded(version, CLIENT_VERSION_MAX) };
}
