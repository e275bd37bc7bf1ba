import { nestsDeeperThan } from "./json-tree";

/**
 * What a 2025-era client declares in `initialize` (clientInfo, capabilities), bounded before the
 * session keeps it in memory and in storage. A real client declares well under 1 KB of each; one
 * URL holder sent 1 MB per initialisation, and 100 of them stored 95 MB.
 */

/** Each of clientInfo and capabilities is kept as at most this many characters of JSON. */
export const MAX_DECLARED_CHARS = 4096;
/** Deeper than any real clientInfo or capabilities, and far below what storage can clone. */
const MAX_DEPTH = 32;
/**
 * What is kept of an oversized declaration: a few names, each cut to this length. Longer than
 * the audit trail shows of a client (client-identity.ts cuts after removing control
 * characters), so that bound stays the one a reader of the trail sees.
 */
const MAX_KEPT_NAMES = 16;
const MAX_KEPT_CHARS = 256;

/**
 * Whether a client-sent value nests at most MAX_DEPTH levels and has at most MAX_DECLARED_CHARS
 * of JSON. Storage clones what it stores recursively: capabilities 5,000 levels deep (well
 * within 1 MiB) overflowed the stack in `storage.put`, a 500. The depth check is iterative, so
 * it cannot overflow itself.
 */
const fits = (value: unknown) =>
  !nestsDeeperThan(value, MAX_DEPTH) && (JSON.stringify(value) ?? "").length <= MAX_DECLARED_CHARS;

const text = (value: unknown, fallback: string) =>
  typeof value === "string" && value ? value.slice(0, MAX_KEPT_CHARS) : fallback;

/** clientInfo as declared, or, when too large or deep, only its name and version, cut. */
export function boundedClientInfo(clientInfo: unknown): { name: string; version: string } {
  if (fits(clientInfo)) return clientInfo as { name: string; version: string };
  const { name, version } = (clientInfo ?? {}) as { name?: unknown; version?: unknown };
  return { name: text(name, "unknown"), version: text(version, "0") };
}

/**
 * Capabilities as declared, or, when too large or deep, the names of the first few with their
 * settings dropped: the server only asks whether a capability (elicitation, sampling) exists.
 */
export function boundedCapabilities(capabilities: unknown): Record<string, unknown> {
  if (fits(capabilities)) return (capabilities ?? {}) as Record<string, unknown>;
  const names = Object.keys(capabilities ?? {}).slice(0, MAX_KEPT_NAMES);
  return Object.fromEntries(names.map((name) => [name.slice(0, MAX_KEPT_CHARS), {}]));
}

/**
 * An `initialize` message with its declarations bounded; any other message as it is. Applied
 * before the SDK sees the message, so the session's server keeps only the bounded copy too.
 */
export function withBoundedDeclarations(message: unknown): unknown {
  if (typeof message !== "object" || message === null || Array.isArray(message)) return message;
  const { method, params } = message as { method?: unknown; params?: unknown };
  if (method !== "initialize" || typeof params !== "object" || params === null) return message;
  const { clientInfo, capabilities } = params as { clientInfo?: unknown; capabilities?: unknown };
  return {
    ...message,
    params: {
      ...params,
      clientInfo: boundedClientInfo(clientInfo),
      capabilities: boundedCapabilities(capabilities),
    },
  };
}
