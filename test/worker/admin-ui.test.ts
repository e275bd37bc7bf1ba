import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ORIGIN } from "./helpers";

const get = (path: string, init?: RequestInit) =>
  SELF.fetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });

function expectSecurityHeaders(response: Response) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
}

/** Relative imports of an ES module's source (`from "./x.js"`, `import "./y.js"`). */
const importsOf = (source: string) =>
  [...source.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+)"/g)].map((match) => match[1]!);

describe("the admin page", () => {
  it("redirects / to /admin", async () => {
    const response = await get("/");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/admin`);
    expectSecurityHeaders(response);
  });

  it("serves /admin as HTML with the security headers and no inline script", async () => {
    const response = await get("/admin");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expectSecurityHeaders(response);
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/admin/js/main.js"></script>');
    // Every script has a src, and nothing is loaded from another origin.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(urls.every((url) => url.startsWith("/admin/") || url.startsWith("#"))).toBe(true);
  });

  it("serves /admin/ too, and the stylesheet and scripts with nosniff", async () => {
    expect((await get("/admin/")).status).toBe(200);
    const css = await get("/admin/admin.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expectSecurityHeaders(css);
    const script = await get("/admin/js/main.js");
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expectSecurityHeaders(script);
  });

  it("ships every module the page imports", async () => {
    const seen = new Set<string>();
    const pending = ["/admin/js/main.js"];
    while (pending.length) {
      const path = pending.pop()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await get(path);
      expect(response.status, path).toBe(200);
      for (const spec of importsOf(await response.text())) {
        pending.push(new URL(spec, `${ORIGIN}${path}`).pathname);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it("answers an unknown file with 404 and a write with 405", async () => {
    const missing = await get("/admin/nope.js");
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
    const post = await get("/admin", { method: "POST" });
    expect(post.status).toBe(405);
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe(
      "method_not_allowed",
    );
  });

  it("leaves the API and MCP routes to the worker", async () => {
    expect((await get("/api/integrated-account")).status).toBe(401);
    expect((await get("/health")).status).toBe(200);
    expect((await get("/mcp/not-a-token", { method: "POST" })).status).toBe(404);
  });
});
