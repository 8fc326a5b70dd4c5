#!/usr/bin/env bash
# npm run dev: the API from the TypeScript sources, against
#   - the S3 named by S3_ENDPOINT when it is set (MinIO from `docker compose up -d minio`, AWS,
#     another Ceph): nothing is started;
#   - otherwise a persistent local Ceph RGW (bluestore under .ceph/dev) on 127.0.0.1:7480, which
#     outside production is also the config's default endpoint, with its dev keys.
# The bucket, its versioning and its CORS rule are created at start-up (S3_ENSURE_BUCKET, on here),
# and with the local RGW its ObjectCreated notifications to Valet's /s3-events (S3_EVENTS).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV="${NODE_ENV:-development}"
export S3_ENSURE_BUCKET="${S3_ENSURE_BUCKET:-true}"
if [ -n "${S3_ENDPOINT:-}" ]; then
  echo "[dev] using the S3 at $S3_ENDPOINT (no local Ceph started)" >&2
elif command -v radosgw >/dev/null 2>&1 || command -v apt-get >/dev/null 2>&1; then
  bash scripts/ceph.sh up --dir .ceph/dev --store bluestore --port 7480
  # The local RGW pushes ObjectCreated events to /s3-events: an upload nobody completes settles at once.
  export S3_EVENTS="${S3_EVENTS:-true}"
else
  echo "[dev] no local Ceph here (no radosgw, no apt-get to install it): run 'docker compose up -d minio' then 'S3_ENDPOINT=http://localhost:9000 npm run dev', or set S3_ENDPOINT (and S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY) to any S3" >&2
  exit 1
fi
exec node -r @swc-node/register src/main.ts
