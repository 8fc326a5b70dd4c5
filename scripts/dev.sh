#!/usr/bin/env bash
# npm run dev: a persistent local Ceph RGW (bluestore under .ceph/dev), then the API with live TypeScript.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV="${NODE_ENV:-development}"
export S3_ENDPOINT="${S3_ENDPOINT:-http://127.0.0.1:7480}"
export S3_ACCESS_KEY_ID="${S3_ACCESS_KEY_ID:-valet-dev-access-key}"
export S3_SECRET_ACCESS_KEY="${S3_SECRET_ACCESS_KEY:-valet-dev-secret-key}"
export S3_ENSURE_BUCKET="${S3_ENSURE_BUCKET:-true}"
port="$(node -e 'console.log(new URL(process.argv[1]).port || 80)' "$S3_ENDPOINT")"
bash scripts/ceph.sh up --dir .ceph/dev --store bluestore --port "$port"
exec node -r @swc-node/register src/main.ts
