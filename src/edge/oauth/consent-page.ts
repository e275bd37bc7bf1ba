import type { ConsentDescription } from "@cloudflare/workers-oauth-provider";
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "../../lib/http/security-headers";
import type { ToolPreview } from "../../engine/tools/toolset";

/** What the consent page shows besides the client: the server a grant would open. */
export interface ConsentFacts {
  client: ConsentDescription;
  serverName: string;
  accountName: string;
  tools: ToolPreview[];
  handle: string;
  /** Set when a key was refused: shown at the key field, and nothing was granted. */
  error?: string;
}

/** Everything shown may come from a client (DCR or a CIMD document) or an operator: escaped. */
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The admin page's policy (`default-src 'self'`, no inline script or style), except that the
 * form may also go to the client's redirect origin: browsers hold the 302 after the form's
 * POST to `form-action` too, and that redirect is where the code goes.
 */
function consentPolicy(redirectUri: string | undefined): string {
  const target = redirectUri ? new URL(redirectUri).origin : "";
  const formAction =
    target && target !== "null" ? `form-action 'self' ${target}` : "form-action 'self'";
  return CONTENT_SECURITY_POLICY.replace("form-action 'self'", formAction);
}

/** The admin page's security headers for a page of ours, with `extra` (the library's cookie). */
export function pageHeaders(extra?: Headers, redirectUri?: string): Headers {
  const headers = new Headers(extra);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  headers.set("content-security-policy", consentPolicy(redirectUri));
  headers.set("cache-control", "no-store");
  headers.set("content-type", "text/html; charset=utf-8");
  return headers;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <meta name="color-scheme" content="light dark" />
    <title>${escape(title)} · edesk-mcp</title>
    <link rel="icon" href="/admin/icon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/admin/admin.css" />
    <link rel="stylesheet" href="/admin/consent.css" />
  </head>
  <body>
    <header class="topbar">
      <span class="brand">
        <img src="/admin/icon.svg" alt="" width="24" height="24" />
        <span>edesk-mcp</span>
        <span class="brand-sub">sign-in</span>
      </span>
    </header>
    <main id="main" class="consent">
${body}
    </main>
  </body>
</html>
`;
}

function toolList(tools: ToolPreview[]): string {
  const items = tools
    .map(
      (tool) =>
        `<li><code class="tool-name">${escape(tool.name)}</code>` +
        `<span class="method method-${escape(tool.method)}">${escape(tool.method)}</span></li>`,
    )
    .join("\n");
  return `<ul class="tool-list" aria-labelledby="tools-heading">\n${items}\n</ul>`;
}

/**
 * The consent page (MCP authorization, security best practices): which app asks, where its
 * access goes, which server and account it would open and with which tools, and the field for
 * the MCP key that approves it. A CIMD client's domain is its verified name; a DCR client's name
 * is self-asserted, and a redirect to this computer is called out.
 */
export function consentPage(facts: ConsentFacts): string {
  const { client } = facts;
  const name = escape(client.clientName);
  const origin = client.clientDomain
    ? `Published by <strong>${escape(client.clientDomain)}</strong> (its client ID is a document on that domain).`
    : "This app registered itself: its name is not verified.";
  const loopback = client.redirectIsLoopback
    ? `<p class="notice warning">This sends access to an app on this computer (${escape(client.redirectHost)}). Continue only if you just started signing in from that app.</p>`
    : "";
  const error = facts.error
    ? `<p class="error" id="key-error" role="alert">${escape(facts.error)}</p>`
    : "";
  const describedBy = facts.error ? "key-error key-hint" : "key-hint";
  const invalid = facts.error ? ' aria-invalid="true"' : "";
  return page(
    `Allow ${client.clientName}`,
    `      <section class="card">
        <h1>Allow ${name} to use this MCP server?</h1>
        <p class="lead">${origin}</p>
        <dl class="details">
          <dt>App</dt><dd>${name}</dd>
          <dt>Sends access to</dt><dd><strong>${escape(client.redirectHost)}</strong></dd>
          <dt>MCP server</dt><dd>${escape(facts.serverName)}</dd>
          <dt>eDesk account</dt><dd>${escape(facts.accountName)}</dd>
        </dl>
        ${loopback}
        <h2 id="tools-heading">The app may call these ${facts.tools.length} tools</h2>
        ${toolList(facts.tools)}
        <form method="post" class="consent-form">
          <input type="hidden" name="handle" value="${escape(facts.handle)}" />
          <div class="field">
            <label for="key">MCP key</label>
            <input id="key" name="key" type="password" autocomplete="off" spellcheck="false" required maxlength="256" aria-describedby="${describedBy}"${invalid} />
            ${error}
            <p class="hint" id="key-hint">An <code>mcp</code>-scoped API key of this server's account, the one an MCP client would send in its <code>Authorization</code> header. The app never sees it; revoking it ends this app's access.</p>
          </div>
          <div class="actions">
            <button type="submit" class="button primary" name="decision" value="approve">Allow</button>
            <button type="submit" class="button" name="decision" value="deny" formnovalidate>Deny</button>
          </div>
        </form>
      </section>`,
  );
}

/** A page that explains a stop; nothing was granted. */
export function messagePage(title: string, message: string): string {
  return page(
    title,
    `      <section class="card">
        <h1>${escape(title)}</h1>
        <p>${escape(message)}</p>
        <p class="hint">Nothing was granted. Start signing in again from your app.</p>
      </section>`,
  );
}
