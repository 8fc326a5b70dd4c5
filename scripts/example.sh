#!/usr/bin/env bash
# npm run example [-- --port N] [-- --api URL]: the React example (default http://localhost:5173)
# against an API (default `npm run dev`'s http://localhost:4000/graphql), signed in with a dev token
# for VALET_SUB (default alice) that lives a day. Other arguments go to vite as they are.
# The API must allow the page's origin (CORS_ORIGINS) when the port is not 5173.
set -euo pipefail
cd "$(dirname "$0")/.."
vite=()
while (($#)); do
  case "$1" in
    --api) export VITE_VALET_URL="$2"; shift 2 ;;
    --api=*) export VITE_VALET_URL="${1#--api=}"; shift ;;
    --port) vite+=(--port "$2"); shift 2 ;;
    --port=*) vite+=(--port "${1#--port=}"); shift ;;
    *) vite+=("$1"); shift ;;
  esac
done
export VITE_VALET_TOKEN="${VITE_VALET_TOKEN:-$(npm run --silent token -- --sub "${VALET_SUB:-alice}" --roles user --ttl 86400)}"
exec npm run dev -w @valet/example-react -- "${vite[@]}"
