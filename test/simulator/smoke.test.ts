import { expect, it } from "vitest";
import { call } from "./helpers";

it("smoke", async () => {
  const t0 = Date.now();
  const r = await call("GET", "/tickets", { query: { itemsPerPage: 3 } });
  const t1 = Date.now();
  console.log(r.status, JSON.stringify(r.body).slice(0, 1500), "first call ms", t1 - t0);
  const r2 = await call("GET", "/tickets/1409923");
  console.log(r2.status, "second call ms", Date.now() - t1);
  expect(r.status).toBe(200);
});
