import { describe, expect, it } from "vitest";
import {
  CLIENT_NAME_MAX,
  CLIENT_VERSION_MAX,
  clientIdentity,
} from "../../../src/server/mcp/client-identity";

describe("clientIdentity", () => {
  it("keeps a client's name and version as declared", () => {
    expect(clientIdentity({ name: "claude-ai", version: "0.1.0", title: "Claude" })).toEqual({
      name: "claude-ai",
      version: "0.1.0",
    });
  });

  it("cuts long names and versions and strips control and bidi characters", () => {
    const identity = clientIdentity({
      name: `evil\u0007\u001b[2J\u202e${"n".repeat(5_000)}`,
      version: "v".repeat(5_000),
    });
    expect(identity!.name).toBe(`evil[2J${"n".repeat(CLIENT_NAME_MAX - 7)}`);
    expect(identity!.version).toHaveLength(CLIENT_VERSION_MAX);
  });

  it("has no identity without a usable name, and no version unless it is text", () => {
    for (const info of [undefined, null, "claude", 7, {}, { name: 5 }, { name: " \u0000 " }]) {
      expect(clientIdentity(info)).toBeUndefined();
    }
    expect(clientIdentity({ name: "agent", version: { major: 1 } })).toEqual({
      name: "agent",
      version: null,
    });
  });
});
