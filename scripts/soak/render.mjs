// Re-renders the Soak section of BENCHMARKS.md from soak.json without running again:
// `node scripts/soak/render.mjs`.
import path from "node:path";
import { REPORTS } from "../bench/lib/output.mjs";
import { readSoak, rewriteSoakSection } from "./report.mjs";

const soak = readSoak(REPORTS);
if (!soak) throw new Error("no soak.json: run npm run soak first");
await rewriteSoakSection(path.join(REPORTS, "BENCHMARKS.md"), soak);
console.error(`rendered the Soak section from the run of ${soak.generated_at}`);
