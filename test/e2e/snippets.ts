import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../../scripts/dev-stack.mjs";

// The README's client snippets live in docs/snippets/ and the tests run them from there, with
// only the placeholders below replaced: README and tests cannot drift apart.

export const SNIPPETS = path.join(ROOT, "docs", "snippets");

/** The MCP URL placeholder every snippet uses. */
export const URL_PLACEHOLDER = "https://edesk-mcp.<your-subdomain>.workers.dev/mcp/<token>";
/** The mcp-scoped key placeholder of the header-through-env recipe (never an admin key). */
export const API_KEY_PLACEHOLDER = "<MCP key>";

export function readSnippet(name: string) {
  return readFileSync(path.join(SNIPPETS, name), "utf8");
}

export interface ClaudeServerEntry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * The one server entry of a `claude_desktop_config.json` snippet, with the URL (and, in `env`,
 * the API key) filled in: what Claude Desktop would spawn.
 */
export function claudeDesktopEntry(name: string, url: string, apiKey?: string): ClaudeServerEntry {
  const config = JSON.parse(readSnippet(name)) as { mcpServers: Record<string, ClaudeServerEntry> };
  const entries = Object.values(config.mcpServers);
  if (entries.length !== 1) throw new Error(`${name}: expected one server entry`);
  const entry = entries[0]!;
  const urlArgs = entry.args.filter((arg) => arg === URL_PLACEHOLDER);
  if (urlArgs.length !== 1) throw new Error(`${name}: expected the URL placeholder once in args`);
  const env = entry.env
    ? Object.fromEntries(
        Object.entries(entry.env).map(([key, value]) => {
          if (value.includes(API_KEY_PLACEHOLDER) && apiKey === undefined) {
            throw new Error(`${name}: ${key} needs an API key`);
          }
          return [key, value.replace(API_KEY_PLACEHOLDER, apiKey ?? "")];
        }),
      )
    : undefined;
  return {
    command: entry.command,
    args: entry.args.map((arg) => (arg === URL_PLACEHOLDER ? url : arg)),
    env,
  };
}

export interface ShellSnippet {
  title: string;
  command: string;
}

/**
 * The commands of a shell snippet: each command line with the comment line just above it as its
 * title. They read `$MCP_URL` and `$MCP_KEY` from the environment.
 */
export function shellSnippets(name: string): ShellSnippet[] {
  const commands: ShellSnippet[] = [];
  let title = "";
  for (const raw of readSnippet(name).split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith("#")) title = line.replace(/^#\s*/, "");
    else commands.push({ title, command: line });
  }
  return commands;
}
