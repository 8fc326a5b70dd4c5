#!/usr/bin/env bash
# The unit lane under Node 24 (.ci/run), from the npm registry's node@24 package (its
# node-<os>-<arch> dependency carries the binary and the headers), in a throwaway copy of this
# checkout. The checkout's node_modules (installed under the machine's Node) is copied, not touched:
# every native addon compiled at install time (a build/Release/*.node, i.e. better-sqlite3; the
# Node-API ones ship prebuilt and load on any Node) is rebuilt in the copy against Node 24's headers
# (npm_config_nodedir), since prebuilt binaries (GitHub) cannot be downloaded here.
# better-sqlite3 12 under Node 24 aborts when the collector frees one of its handles
# (WiseLibs/better-sqlite3#1515): src/store/sqlite-handles.ts keeps them reachable.
# Arguments go to jest (e.g. a test path). VALET_KEEP_NODE24=1 keeps the copy and prints where.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/valet-node24.XXXXXX")"
trap '[ -n "${VALET_KEEP_NODE24:-}" ] && echo "[node24] kept $work" || rm -rf "$work"' EXIT
started=$SECONDS
[ -d "$root/node_modules" ] || { echo "[node24] run npm ci first: the lane copies node_modules" >&2; exit 1; }
# npm's own node-gyp (run by Node 24 below), else one on PATH.
gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$gyp" ] || gyp="$(command -v node-gyp || true)"
[ -n "$gyp" ] || { echo "[node24] no node-gyp: neither npm's nor one on PATH" >&2; exit 1; }

npm install --prefix "$work/runtime" --no-audit --no-fund --no-save --loglevel=error node@24 >/dev/null
node_bin="$(find "$work/runtime/node_modules" -path '*/node-*/bin/node' -type f | head -1)"
nodedir="$(dirname "$(dirname "$node_bin")")"
[ -f "$nodedir/include/node/node_api.h" ] || { echo "[node24] no headers under $nodedir" >&2; exit 1; }
export PATH="$(dirname "$node_bin"):$PATH" npm_config_nodedir="$nodedir"
echo "[node24] $(node --version) from $nodedir"

mkdir "$work/src"
tar -C "$root" --exclude=./node_modules --exclude=./.git --exclude=./.ceph --exclude=./.data --exclude=./reports \
  --exclude=./.stryker-tmp -cf - . | tar -C "$work/src" -xf -
cp -a "$root/node_modules" "$work/src/node_modules"
cd "$work/src"
mapfile -t addons < <(find node_modules -path '*/build/Release/*.node' -not -path '*/obj.target/*' |
  sed 's|/build/Release/.*||' | sort -u)
for addon in "${addons[@]}"; do
  echo "[node24] rebuilding $addon"
  (cd "$addon" && node "$gyp" rebuild --release --jobs max >"$work/gyp.log" 2>&1) || { tail -40 "$work/gyp.log" >&2; exit 1; }
done
node -e 'require("better-sqlite3")(":memory:").prepare("select 1").get(); console.log("[node24] better-sqlite3 loads under", process.version)'
echo "[node24] ready in $((SECONDS - started)) s"
npm run test:unit -- "$@"
echo "[node24] done in $((SECONDS - started)) s"
