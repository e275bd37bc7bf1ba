import { writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";
import { generate } from "selfsigned";

/**
 * An MCP client's OAuth state kept in memory, as the SDK's `OAuthClientProvider` asks: the
 * browser step is left to the test, which opens `authorizationUrl` in Chromium. With
 * `metadataUrl` the client identifies itself by CIMD where the server offers it, else by DCR.
 */
export class MemoryOAuthProvider implements OAuthClientProvider {
  authorizationUrl: URL | undefined;
  private info: OAuthClientInformationMixed | undefined;
  private saved: OAuthTokens | undefined;
  private verifier = "";

  constructor(
    private readonly redirect: string,
    readonly clientMetadataUrl?: string,
    private readonly name = "E2E DCR client",
  ) {}

  get redirectUrl(): string {
    return this.redirect;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [this.redirect],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }

  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

export interface CallbackHit {
  code: string | null;
  state: string | null;
  error: string | null;
}

/** The client's redirect target on loopback: each hit resolves the oldest waiting `next()`. */
export async function startCallbackServer() {
  const hits: CallbackHit[] = [];
  const waiting: ((hit: CallbackHit) => void)[] = [];
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const hit = {
      code: url.searchParams.get("code"),
      state: url.searchParams.get("state"),
      error: url.searchParams.get("error"),
    };
    hits.push(hit);
    waiting.shift()?.(hit);
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("Signed in: you can close this tab.");
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/callback`,
    hits,
    next: () => new Promise<CallbackHit>((resolve) => waiting.push(resolve)),
    close: () => close(server),
  };
}

/**
 * A client's metadata document (CIMD) served over https on loopback, with a fresh self-signed
 * certificate written to `dir/ca.pem`: wrangler's workerd trusts it through NODE_EXTRA_CA_CERTS.
 */
export async function startCimdServer(dir: string, redirectUri: string) {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    notAfterDate: new Date(Date.now() + 24 * 3600_000),
    extensions: [
      { name: "basicConstraints", cA: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  const caFile = path.join(dir, "ca.pem");
  writeFileSync(caFile, pems.cert);
  let fetches = 0;
  let port = 0;
  const server = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const clientId = `https://localhost:${port}/oauth/client.json`;
    if (req.url !== "/oauth/client.json") {
      res.writeHead(404).end();
      return;
    }
    fetches++;
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(
      JSON.stringify({
        client_id: clientId,
        client_name: "E2E CIMD client",
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "none",
      }),
    );
  });
  port = await listen(server);
  return {
    clientId: `https://localhost:${port}/oauth/client.json`,
    caFile,
    fetches: () => fetches,
    close: () => close(server),
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
