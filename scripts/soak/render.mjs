// Re-renders the Soak section of BENCHMARKS.md from soak.json without running again:
// `node scripts/soak/render.mjs`.
import path from "node:path";
import { ROOT } from "../dev-stack.mjs";
import { readSoak, rewriteSoakSection } from "./report.mjs";

const soak = readSoak(ROOT);
if (!soak) throw new Error("no soak.json: run npm run soak first");
await rewriteSoakSection(path.join(ROOT, "BENCHMARKS.md"), soak);
console.error(`rendered the Soak section from the run of ${soak.generated_at}`);
