#!/usr/bin/env bash
# npm run example: the React example on http://localhost:5173 against `npm run dev` (the API on :4000),
# signed in with a dev token for VALET_SUB (default alice) that lives a day.
set -euo pipefail
cd "$(dirname "$0")/.."
export VITE_VALET_TOKEN="${VITE_VALET_TOKEN:-$(npm run --silent token -- --sub "${VALET_SUB:-alice}" --roles user --ttl 86400)}"
exec npm run dev -w @valet/example-react
