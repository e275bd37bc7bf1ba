import { describe, expect, it } from "vitest";
import { redact } from "../../src/lib/http/errors";
import { generateToken, randomId } from "../../src/server/tokens/token";

describe("redact", () => {
  it("keeps server ids readable while cutting MCP tokens out", () => {
    const serverId = randomId("mcp");
    const accountId = randomId("acc");
    const admin = `GET /api/integrated-account/${accountId}/mcp/${serverId}/audit`;
    expect(redact(admin)).toBe(admin);
    const token = generateToken();
    for (const line of [
      `POST /mcp/${token}`,
      `POST /mcp/${token}/messages?sessionId=1`,
      `POST /mcp/${serverId}${token}`,
      `POST /mcp/${serverId}x`,
    ]) {
      expect(redact(line), line).toContain("/mcp/<redacted>");
      expect(redact(line), line).not.toContain(token);
    }
  });

  it("cuts the secret part of OAuth codes and tokens, wherever they appear", () => {
    const code = `${randomId("mcp")}.${randomId("key")}:${"g".repeat(16)}:${"s".repeat(32)}`;
    for (const line of [
      `GET /callback?code=${encodeURIComponent(code)}&state=1`,
      `grant_type=authorization_code&code=${code}`,
      `token ${code} refused`,
    ]) {
      expect(redact(line), line).not.toContain("s".repeat(32));
    }
  });
});
