#!/usr/bin/env bash
# Regenerates each integration's data-model tables with `j1-integration document`
# into a scratch copy and fails when the committed docs/jupiterone.md differs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
status=0
for pkg in "$root"/packages/integration-*; do
  [ -f "$pkg/docs/jupiterone.md" ] || { echo "missing $pkg/docs/jupiterone.md"; status=1; continue; }
  scratch="$(mktemp -d)"
  cp "$pkg/docs/jupiterone.md" "$scratch/before.md"
  (cd "$pkg" && node "$root/scripts/workspace.mjs" pnpm exec j1-integration document >/dev/null)
  if ! diff -u "$scratch/before.md" "$pkg/docs/jupiterone.md"; then
    echo "✗ $(basename "$pkg")/docs/jupiterone.md is out of date: run \`pnpm exec j1-integration document\` in that package and commit the result."
    cp "$scratch/before.md" "$pkg/docs/jupiterone.md"
    status=1
  else
    echo "✓ $(basename "$pkg")/docs/jupiterone.md matches j1-integration document"
  fi
  rm -rf "$scratch"
done
exit $status
