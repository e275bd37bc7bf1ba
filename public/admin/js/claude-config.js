// @ts-check
/**
 * What the operator replaces by hand: an mcp-scoped key (never an admin key, which would let the
 * client administer every account). The page never embeds a real key in a snippet.
 */
export const MCP_KEY_PLACEHOLDER = "<your MCP key>";

/**
 * `claude_desktop_config.json` for an MCP server URL through `mcp-remote`. With the API token
 * required, the header travels through an env variable: mcp-remote splits `--header` values
 * at the first colon, and the env indirection keeps the space in "Bearer …" intact on every OS.
 * @param {string} url
 * @param {boolean} requireApiKey
 */
export function claudeDesktopConfig(url, requireApiKey) {
  const server = requireApiKey
    ? {
        command: "npx",
        args: ["-y", "mcp-remote", url, "--header", "Authorization:${AUTH_HEADER}"],
        env: { AUTH_HEADER: `Bearer ${MCP_KEY_PLACEHOLDER}` },
      }
    : { command: "npx", args: ["-y", "mcp-remote", url] };
  return JSON.stringify({ mcpServers: { edesk: server } }, null, 2);
}
