#!/usr/bin/env bash
# npm run dev: a persistent local Ceph RGW (bluestore under .ceph/dev), then the API from the
# TypeScript sources. Outside production the config defaults to this RGW and its dev keys.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV="${NODE_ENV:-development}"
export S3_ENSURE_BUCKET="${S3_ENSURE_BUCKET:-true}"
port="$(node -e 'console.log(new URL(process.argv[1]).port || 80)' "${S3_ENDPOINT:-http://127.0.0.1:7480}")"
bash scripts/ceph.sh up --dir .ceph/dev --store bluestore --port "$port"
exec node -r @swc-node/register src/main.ts
