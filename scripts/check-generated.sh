#!/usr/bin/env bash
# Fails when schema/schema.graphql, client/generated/ or client/src/generated/ differ from what the code produces.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent schema >/dev/null
npx graphql-codegen --config codegen.yml --silent >/dev/null
if ! git diff --exit-code --stat -- schema client/generated client/src/generated || [ -n "$(git status --porcelain -- schema client/generated client/src/generated)" ]; then
  echo "schema/, client/generated/ or client/src/generated/ is stale: run 'npm run schema && npm run codegen' and commit the result" >&2
  git status --porcelain -- schema client/generated client/src/generated >&2
  exit 1
fi
echo "schema and generated client are up to date"
