import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "../../src/lib/crypto/credentials";
import { AppError } from "../../src/lib/http/errors";

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).map((_, i) => i)));
const OTHER = btoa(String.fromCharCode(...new Uint8Array(32).map((_, i) => 255 - i)));

describe("stored credentials", () => {
  it("round-trip through AES-GCM with a fresh IV each time", async () => {
    const a = await encryptSecret("edesk-token", KEY);
    const b = await encryptSecret("edesk-token", KEY);
    expect(a.iv).not.toBe(b.iv);
    expect(JSON.stringify(a)).not.toContain("edesk-token");
    expect(await decryptSecret(a, KEY)).toBe("edesk-token");
  });

  it("refuse to work without ENCRYPTION_KEY with a clear, non-500 error", async () => {
    const error = await encryptSecret("x", undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(503);
    expect((error as AppError).message).toMatch(/ENCRYPTION_KEY/);
  });

  it("refuse a key that is not 32 bytes", async () => {
    const error = await encryptSecret("x", btoa("short")).catch((e: unknown) => e);
    expect((error as AppError).message).toMatch(/32 bytes/);
  });

  it("say so when the key changed since the credentials were saved", async () => {
    const sealed = await encryptSecret("edesk-token", KEY);
    const error = await decryptSecret(sealed, OTHER).catch((e: unknown) => e);
    expect((error as AppError).message).toMatch(/ENCRYPTION_KEY changed/);
  });
});
