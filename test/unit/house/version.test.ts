import { describe, expect, it } from "vitest";
import pkg from "../../../package.json";
import { openApiDocument } from "../../../src/edge/admin/openapi";
import { SERVER_INFO } from "../../../src/server/mcp/mcp-server";

describe("the product's version", () => {
  it("is written once in src/ and agrees with package.json", () => {
    expect(SERVER_INFO.version).toBe(pkg.version);
    expect((openApiDocument() as { info: { version: string } }).info.version).toBe(pkg.version);
  });
});
