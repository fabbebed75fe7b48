#!/usr/bin/env bash
# cfn-lint on every synthesized template (infra/synthesized/*.template.json): exit 1 on any error or warning that
# infra/cfn-lint-allowed.txt does not list with its reason, and on an allowed finding that no longer occurs (the list
# stays true). Informational findings are printed, not judged. Exit 3 when cfn-lint is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
allowed=infra/cfn-lint-allowed.txt
if ! command -v cfn-lint >/dev/null; then
  echo "cfn-lint: not installed (fix: pip install cfn-lint==1.51.0)" >&2
  exit 3
fi
# parseable: FILE:LINE:COL:LINE:COL:RULE:MESSAGE, one finding a line. cfn-lint's exit code is a mask of what it found
# (2 errors, 4 warnings, 8 information); 1, or a non-zero code with no finding, is cfn-lint itself failing: no verdict.
findings=$(cfn-lint --format parseable infra/synthesized/*.template.json) && lint=0 || lint=$?
if (( lint & 1 )) || { [ "$lint" -ne 0 ] && [ -z "$findings" ]; }; then
  echo "cfn-lint: failed (exit $lint) without judging the templates; its output is above" >&2
  exit 1
fi
status=0
used=()
while IFS= read -r finding; do
  [ -z "$finding" ] && continue
  file=$(basename "${finding%%:*}")
  rule=$(echo "$finding" | cut -d: -f6)
  case "$rule" in I*) echo "cfn-lint (information): $finding"; continue ;; esac
  if grep -qE "^$rule $file " "$allowed"; then
    used+=("$rule $file")
    echo "cfn-lint (allowed in $allowed): $finding"
  else
    echo "cfn-lint: $finding (fix the template's source in infra/, or list it in $allowed with its reason)" >&2
    status=1
  fi
done <<< "$findings"
while read -r rule file _; do
  case "$rule" in ''|'#'*) continue ;; esac
  if ! printf '%s\n' "${used[@]:-}" | grep -qx "$rule $file"; then
    echo "cfn-lint: $allowed lists $rule on $file, which no longer occurs (fix: remove the line)" >&2
    status=1
  fi
done < "$allowed"
templates=(infra/synthesized/*.template.json)
[ "$status" -eq 0 ] && echo "cfn-lint $(cfn-lint --version | awk '{print $2}'): ${#templates[@]} template(s), nothing beyond $allowed"
exit "$status"
