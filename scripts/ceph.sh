#!/usr/bin/env bash
# Single-node Ceph RADOS Gateway (S3) for development and tests.
# No systemd, no Docker: one monitor, one OSD and one radosgw, all state
# (config, run dir, admin sockets, pid files, logs, data) inside --dir.
#
#   scripts/ceph.sh up     --dir DIR --store memstore|bluestore [--port 7480]
#   scripts/ceph.sh down   --dir DIR
#   scripts/ceph.sh status --port 7480   # exit 0 if an RGW answers on 127.0.0.1:PORT
#
#   memstore  : OSD keeps objects in RAM; every `up` builds a fresh cluster
#               (DIR is wiped first). Fast, throwaway: tests / CI.
#   bluestore : OSD on a sparse file inside DIR; data survives down + up: dev.
#
# Environment:
#   S3_ACCESS_KEY_ID       access key of the S3 user "valet" (valet-dev-access-key)
#   S3_SECRET_ACCESS_KEY   its secret                         (valet-dev-secret-key)
#   CEPH_MON_PORT          monitor port (default: 6789, else the next free one up
#                          to 6799). A bluestore cluster keeps its port across
#                          restarts; if that port is taken, or CEPH_MON_PORT names
#                          another one, its monitor is moved on the next 'up'.
#   CEPH_UP_TIMEOUT        seconds to wait for RGW to answer (default 120)
#   CEPH_MEMSTORE_BYTES    memstore device size   (default 2 GiB)
#   CEPH_BLUESTORE_BYTES   bluestore block file size, sparse (default 10 GiB)
set -euo pipefail

RGW_NAME=client.rgw.valet
MON_ID=a
STATE_FILE=.valet-ceph # marker + recorded settings inside DIR

S3_ACCESS_KEY_ID=${S3_ACCESS_KEY_ID:-valet-dev-access-key}
S3_SECRET_ACCESS_KEY=${S3_SECRET_ACCESS_KEY:-valet-dev-secret-key}
UP_TIMEOUT=${CEPH_UP_TIMEOUT:-120}
MEMSTORE_BYTES=${CEPH_MEMSTORE_BYTES:-2147483648}
BLUESTORE_BYTES=${CEPH_BLUESTORE_BYTES:-10737418240}

log() { printf '[ceph] %s\n' "$*" >&2; }
die() {
  printf '[ceph] ERROR: %s\n' "$*" >&2
  exit 1
}

usage() {
  cat >&2 <<'EOF'
usage: scripts/ceph.sh up     --dir DIR --store memstore|bluestore [--port 7480]
       scripts/ceph.sh down   --dir DIR
       scripts/ceph.sh status [--port 7480]
EOF
  exit 2
}

now() { date +%s; }

# Serialize up/down on one DIR (e.g. parallel test workers). The lock is on
# the directory itself, which wipe_dir never removes; fd 9 is closed for the
# daemons so they do not inherit it.
lock_dir() {
  mkdir -p "$DIR"
  exec 9<"$DIR"
  flock -w 300 9 || die "timed out waiting for another scripts/ceph.sh on $DIR"
}

# ---------------------------------------------------------------- probing --

# TCP connect to 127.0.0.1:$1 succeeds (uses bash /dev/tcp: no curl/ss needed).
tcp_open() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# An S3 gateway (RGW) answers HTTP on 127.0.0.1:$1: an anonymous `GET /`
# returns an HTTP response carrying an x-amz-request-id header.
rgw_answers() {
  local resp
  # shellcheck disable=SC2016 # expanded by the inner bash
  resp=$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n" "$1" >&3
    head -c 4096 <&3' _ "$1" 2>/dev/null) || true
  [[ $resp == HTTP/1.[01]\ * ]] && grep -qi '^x-amz-request-id:' <<<"$resp"
}

# ------------------------------------------------------------- packages ---

ensure_packages() {
  local c missing=()
  for c in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool; do
    command -v "$c" >/dev/null 2>&1 || missing+=("$c")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "missing ${missing[*]}: installing ceph-mon ceph-osd radosgw with apt-get"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install ceph-mon ceph-osd radosgw yourself"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install ceph-mon ceph-osd radosgw yourself"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    ceph-mon ceph-osd radosgw
  for c in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool; do
    command -v "$c" >/dev/null 2>&1 || die "$c still missing after apt-get install"
  done
}

# ------------------------------------------------------------ DIR state ---

state_get() { # key -> value from DIR/.valet-ceph (empty if absent)
  [[ -f $DIR/$STATE_FILE ]] || return 0
  sed -n "s/^$1=//p" "$DIR/$STATE_FILE" | head -n1
}

# Delete everything inside DIR, but only if it is ours (marker) or empty.
wipe_dir() {
  [[ -d $DIR ]] || return 0
  if [[ ! -f $DIR/$STATE_FILE ]] && [[ -n $(ls -A "$DIR") ]]; then
    die "$DIR is not empty and was not created by this script; refusing to wipe it"
  fi
  find "$DIR" -mindepth 1 -delete
}

# Pids of ceph-mon/ceph-osd/radosgw processes started with -c DIR/ceph.conf.
dir_pids() {
  local f pid cmd conf=$DIR/ceph.conf
  for f in /proc/[0-9]*/cmdline; do
    pid=${f#/proc/}
    pid=${pid%/cmdline}
    cmd=$(tr '\0' ' ' 2>/dev/null <"$f") || continue
    case $cmd in
      *ceph-mon\ *-c\ "$conf"\ * | *ceph-osd\ *-c\ "$conf"\ * | *radosgw\ *-c\ "$conf"\ *)
        echo "$pid" ;;
    esac
  done
}

pid_is_ours() { # pid -> running and started from DIR/ceph.conf
  local cmd
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ $cmd == *" -c $DIR/ceph.conf "* ]]
}

# The socket listening on 127.0.0.1:$1 belongs to DIR's radosgw (pid file,
# /proc/net/tcp inode, /proc/PID/fd). Needed because another cluster may
# grab the same port while ours is starting.
rgw_is_ours() {
  local pid inode
  pid=$(cat "$DIR/run/$RGW_NAME.pid" 2>/dev/null) || return 1
  [[ -n $pid ]] && pid_is_ours "$pid" || return 1
  inode=$(awk -v a="0100007F:$(printf '%04X' "$1")" \
    '$2 == a && $4 == "0A" { print $10; exit }' /proc/net/tcp)
  [[ -n $inode ]] || return 1
  [[ -r /proc/$pid/fd ]] || return 0 # not ours to inspect: trust the pid
  [[ -n $(find "/proc/$pid/fd" -maxdepth 1 -lname "socket:\[$inode\]" -print -quit 2>/dev/null) ]]
}

rgw_ready() { # answers HTTP, and it is our radosgw that answers
  rgw_answers "$PORT" || return 1
  rgw_is_ours "$PORT" && return 0
  fail "something else started answering on 127.0.0.1:$PORT while our RGW was starting" "$RGW_NAME"
}

write_conf() { # uses FSID MON_PORT STORE PORT
  local store_conf
  if [[ $STORE == memstore ]]; then
    store_conf="osd objectstore = memstore
memstore device bytes = $MEMSTORE_BYTES"
  else
    store_conf="osd objectstore = bluestore
bluestore block create = true
bluestore block size = $BLUESTORE_BYTES
bluestore block db create = false
bluestore block wal create = false
osd memory target = 1073741824"
  fi
  cat >"$DIR/ceph.conf" <<EOF
# generated by scripts/ceph.sh - rewritten on every 'up'
[global]
fsid = $FSID
mon host = v1:127.0.0.1:$MON_PORT
mon initial members = $MON_ID
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = false
keyring = $DIR/keyring
run dir = $DIR/run
crash dir = $DIR/crash
mon cluster log file = $DIR/log/\$cluster.\$channel.log
ms bind ipv6 = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
mon warn on msgr2 not enabled = false
paxos propose interval = 0.1
mon data avail warn = 5
mon data avail crit = 1
rgw rados pool pg num min = 8

[mon]
mon data = $DIR/mon/\$cluster-\$id
admin socket = $DIR/run/\$cluster-\$name.asok
pid file = $DIR/run/\$name.pid
log file = $DIR/log/\$name.log

[osd]
osd data = $DIR/osd/\$cluster-\$id
admin socket = $DIR/run/\$cluster-\$name.asok
pid file = $DIR/run/\$name.pid
log file = $DIR/log/\$name.log
# No mon commands during OSD start-up (the script places the OSD in the CRUSH
# map itself): with auth none the OSD can send them before it has received
# the monmap, i.e. with a zero fsid, and dies with "wrong fsid".
osd crush update on start = false
osd class update on start = false
osd op num shards = 2
$store_conf

[$RGW_NAME]
rgw data = $DIR/rgw
rgw frontends = beast endpoint=127.0.0.1:$PORT
admin socket = $DIR/run/\$cluster-\$name.asok
pid file = $DIR/run/\$name.pid
log file = $DIR/log/\$name.log
rgw enable usage log = false
# Deleted objects' data is freed by RGW's garbage collector, by default two hours later: a
# memstore cluster would fill up with what tests and the bench already deleted.
rgw gc obj min wait = 0
rgw gc processor period = 15
EOF
  : >"$DIR/keyring"
}

# ----------------------------------------------------------- ceph helpers --

cephc() { timeout 30 ceph -c "$DIR/ceph.conf" --connect-timeout 10 "$@"; }

# Start a daemon in the background (it daemonizes itself and writes its pid
# file). Early output (before its log file opens) goes to log/NAME.out.
start_daemon() { # name binary args...
  local name=$1
  shift
  log "starting $name"
  "$@" -c "$DIR/ceph.conf" </dev/null >>"$DIR/log/$name.out" 2>&1 9<&- ||
    fail "$name failed to start" "$name"
}

fail() { # message [names whose logs to show...]
  local msg=$1 n f
  shift
  printf '[ceph] ERROR: %s\n' "$msg" >&2
  [[ $# -gt 0 ]] || set -- mon.$MON_ID osd.0 $RGW_NAME
  for n in "$@"; do
    for f in "$DIR/log/$n.out" "$DIR/log/$n.log"; do
      [[ -s $f ]] || continue
      printf '[ceph] ---- tail -n 25 %s ----\n' "$f" >&2
      tail -n 25 "$f" | sed 's/^/[ceph]   /' >&2
    done
  done
  printf '[ceph] logs: %s/log; stopping what was started\n' "$DIR" >&2
  stop_dir_daemons || true
  exit 1
}

# Fail fast if a daemon we started has died (pid file present but process gone).
check_alive() {
  local n pid
  for n in mon.$MON_ID osd.$OSD_ID $RGW_NAME; do
    [[ -f $DIR/run/$n.pid ]] || continue
    pid=$(cat "$DIR/run/$n.pid" 2>/dev/null) || continue
    [[ -n $pid ]] || continue
    pid_is_ours "$pid" || fail "$n (pid $pid) exited" "$n"
  done
}

wait_for() { # description "logs to show on timeout" deadline-epoch command...
  local what=$1 logs=$2 deadline=$3
  shift 3
  until "$@"; do
    check_alive
    # shellcheck disable=SC2086 # $logs is a list of names
    [[ $(now) -lt $deadline ]] || fail "timed out after ${UP_TIMEOUT}s waiting for $what" $logs
    sleep 0.5
  done
}

mon_up() { cephc mon stat >/dev/null 2>&1; }
osd_up() { cephc osd dump 2>/dev/null | grep -q "^osd\.$OSD_ID up "; }

ensure_user() {
  local admin=(timeout 60 radosgw-admin -c "$DIR/ceph.conf")
  local info
  if info=$("${admin[@]}" user info --uid=valet 2>/dev/null); then
    if grep -qF "\"access_key\": \"$S3_ACCESS_KEY_ID\"" <<<"$info" &&
      grep -qF "\"secret_key\": \"$S3_SECRET_ACCESS_KEY\"" <<<"$info"; then
      log "S3 user valet exists (access key $S3_ACCESS_KEY_ID)"
    else
      log "S3 user valet exists; setting access key $S3_ACCESS_KEY_ID"
      "${admin[@]}" key create --uid=valet --key-type=s3 \
        --access-key="$S3_ACCESS_KEY_ID" --secret-key="$S3_SECRET_ACCESS_KEY" >/dev/null ||
        die "radosgw-admin key create failed (is access key $S3_ACCESS_KEY_ID used by another user?)"
    fi
  else
    log "creating S3 user valet (access key $S3_ACCESS_KEY_ID)"
    "${admin[@]}" user create --uid=valet --display-name=Valet \
      --access-key="$S3_ACCESS_KEY_ID" --secret="$S3_SECRET_ACCESS_KEY" >/dev/null ||
      die "radosgw-admin user create failed"
  fi
  # Every test app makes its own bucket; RGW's default of 1000 buckets per user runs out after a
  # few full runs on one cluster (TooManyBuckets). 0 = no limit.
  "${admin[@]}" user modify --uid=valet --max-buckets=0 >/dev/null || die "radosgw-admin user modify failed"
}

# -------------------------------------------------------------- commands --

# Stop one daemon: signal it and wait (up to 30s, then SIGKILL) until it is gone.
stop_pid() { # label pid signal
  local label=$1 pid=$2 sig=$3 deadline
  pid_is_ours "$pid" || return 0
  log "stopping $label (pid $pid)"
  kill -s "$sig" "$pid" 2>/dev/null || true
  deadline=$(($(now) + 30))
  while pid_is_ours "$pid"; do
    if [[ $(now) -ge $deadline ]]; then
      log "$label (pid $pid) did not exit after 30s; killing it"
      kill -s KILL "$pid" 2>/dev/null || true
      deadline=$(($(now) + 10))
    fi
    sleep 0.1
  done
}

# Stop everything started from DIR, RGW first, then OSD, then monitor (a
# stopping RGW still talks to the OSD). Quiet if nothing runs.
stop_dir_daemons() {
  local n f pid sig=TERM
  # memstore data is thrown away anyway, and a clean memstore shutdown would
  # first serialize every object into DIR: just kill.
  [[ $(state_get store) == memstore ]] && sig=KILL
  for n in $RGW_NAME osd mon; do
    for f in "$DIR/run/$n"*.pid; do
      [[ -f $f ]] || continue
      pid=$(cat "$f" 2>/dev/null) || continue
      [[ -n $pid ]] && stop_pid "$(basename "$f" .pid)" "$pid" "$sig"
      rm -f "$f"
    done
  done
  # Safety net: daemons of this DIR whose pid file is missing.
  for pid in $(dir_pids); do
    stop_pid "stray daemon" "$pid" "$sig"
  done
}

cmd_down() {
  [[ -n $DIR ]] || usage
  DIR=$(realpath -m -- "$DIR")
  if [[ ! -d $DIR ]]; then
    log "$DIR does not exist; nothing to stop"
    return 0
  fi
  lock_dir
  stop_dir_daemons
  log "stopped daemons of $DIR"
}

cmd_status() {
  if rgw_answers "$PORT"; then
    log "RGW answers on http://127.0.0.1:$PORT"
    return 0
  fi
  log "no RGW answers on http://127.0.0.1:$PORT"
  return 1
}

pick_mon_port() {
  if [[ -n ${CEPH_MON_PORT:-} ]]; then
    tcp_open "$CEPH_MON_PORT" && die "CEPH_MON_PORT=$CEPH_MON_PORT is already in use"
    echo "$CEPH_MON_PORT"
    return
  fi
  local p
  for p in 6789 $(seq 6790 6799); do
    tcp_open "$p" || {
      echo "$p"
      return
    }
  done
  die "no free monitor port in 6789-6799; set CEPH_MON_PORT"
}

create_cluster() {
  mkdir -p "$DIR"
  wipe_dir
  mkdir -p "$DIR"/{run,log,crash,rgw,mon,osd}
  FSID=$(cat /proc/sys/kernel/random/uuid)
  MON_PORT=$(pick_mon_port)
  OSD_ID=0
  printf 'store=%s\nfsid=%s\nmon_port=%s\n' "$STORE" "$FSID" "$MON_PORT" >"$DIR/$STATE_FILE"
  write_conf
  log "creating $STORE cluster $FSID in $DIR (mon 127.0.0.1:$MON_PORT)"

  monmaptool --create --clobber --fsid "$FSID" --addv "$MON_ID" "v1:127.0.0.1:$MON_PORT" \
    "$DIR/monmap" >"$DIR/log/monmaptool.out" 2>&1 || fail "monmaptool failed" monmaptool
  mkdir -p "$DIR/mon/ceph-$MON_ID"
  ceph-mon -c "$DIR/ceph.conf" --mkfs -i "$MON_ID" --monmap "$DIR/monmap" \
    >"$DIR/log/mon-mkfs.out" 2>&1 || fail "ceph-mon --mkfs failed" mon-mkfs "mon.$MON_ID"
  start_daemon "mon.$MON_ID" ceph-mon -i "$MON_ID"
  wait_for "the monitor" "mon.$MON_ID" "$DEADLINE" mon_up

  local uuid id
  uuid=$(cat /proc/sys/kernel/random/uuid)
  id=$(cephc osd create "$uuid") || fail "ceph osd create failed"
  [[ $id == "$OSD_ID" ]] || fail "ceph osd create returned id '$id', expected $OSD_ID"
  cephc osd crush add "osd.$OSD_ID" 1 root=default >/dev/null 2>&1 || fail "ceph osd crush add failed"
  mkdir -p "$DIR/osd/ceph-$OSD_ID"
  ceph-osd -c "$DIR/ceph.conf" -i "$OSD_ID" --mkfs --osd-uuid "$uuid" \
    >"$DIR/log/osd-mkfs.out" 2>&1 || fail "ceph-osd --mkfs failed" osd-mkfs "osd.$OSD_ID"
  start_daemon "osd.$OSD_ID" ceph-osd -i "$OSD_ID"
}

restart_cluster() {
  FSID=$(state_get fsid)
  MON_PORT=$(state_get mon_port)
  [[ -n $FSID && -n $MON_PORT ]] || die "$DIR/$STATE_FILE is incomplete; remove $DIR to start over"
  [[ -f $DIR/osd/ceph-0/whoami ]] || die "$DIR has no OSD (a previous 'up' failed half-way?); remove $DIR to start over"
  OSD_ID=$(cat "$DIR/osd/ceph-0/whoami")
  mkdir -p "$DIR"/{run,log,crash,rgw}
  write_conf
  log "restarting $STORE cluster $FSID from $DIR (mon 127.0.0.1:$MON_PORT)"
  rotate_logs
  if [[ -n ${CEPH_MON_PORT:-} && $CEPH_MON_PORT != "$MON_PORT" ]] || tcp_open "$MON_PORT"; then
    move_mon
  fi
  start_daemon "mon.$MON_ID" ceph-mon -i "$MON_ID"
  start_daemon "osd.$OSD_ID" ceph-osd -i "$OSD_ID"
}

# The recorded monitor port is taken (e.g. by a test cluster started while
# this one was down) or CEPH_MON_PORT asks for another one: rewrite the
# monitor's address in its stored monmap (the OSD and RGW only use ceph.conf).
move_mon() {
  local old=$MON_PORT map=$DIR/monmap.move
  MON_PORT=$(pick_mon_port)
  log "monitor port $old is taken or overridden; moving the monitor to $MON_PORT"
  {
    ceph-mon -c "$DIR/ceph.conf" -i "$MON_ID" --extract-monmap "$map" &&
      monmaptool --rm "$MON_ID" "$map" &&
      monmaptool --addv "$MON_ID" "v1:127.0.0.1:$MON_PORT" "$map" &&
      ceph-mon -c "$DIR/ceph.conf" -i "$MON_ID" --inject-monmap "$map"
  } >"$DIR/log/mon-move.out" 2>&1 || fail "could not move the monitor to port $MON_PORT" mon-move
  rm -f "$map"
  sed -i "s/^mon_port=.*/mon_port=$MON_PORT/" "$DIR/$STATE_FILE"
  write_conf
}

rotate_logs() { # keep logs of the previous run only (bluestore dirs live long)
  local f
  for f in "$DIR"/log/*.log "$DIR"/log/*.out; do
    [[ -f $f ]] && mv -f "$f" "$f.1"
  done
  return 0
}

cmd_up() {
  [[ -n $DIR && -n $STORE ]] || usage
  [[ $STORE == memstore || $STORE == bluestore ]] || die "--store must be memstore or bluestore"
  DIR=$(realpath -m -- "$DIR")
  ensure_packages
  lock_dir
  export CEPH_CONF=$DIR/ceph.conf

  if rgw_answers "$PORT"; then
    if rgw_is_ours "$PORT"; then
      log "RGW from $DIR already answers on http://127.0.0.1:$PORT; leaving it running"
      ensure_user
    else
      log "WARNING: an RGW not started from $DIR answers on http://127.0.0.1:$PORT;" \
        "leaving it alone (S3 user not checked)"
    fi
    return 0
  fi
  tcp_open "$PORT" && die "127.0.0.1:$PORT is in use by something that is not an RGW"

  local start
  start=$(now)
  DEADLINE=$((start + UP_TIMEOUT))
  [[ -d $DIR ]] && stop_dir_daemons # leftovers of this DIR (e.g. RGW died)

  # A bluestore cluster counts as existing once an 'up' completed on it
  # (ready=1); a half-created one holds no data and is simply recreated.
  local existing
  existing=$(state_get store)
  [[ $(state_get ready) == 1 ]] || existing=""
  if [[ $STORE == bluestore && $existing == bluestore ]]; then
    restart_cluster
  else
    if [[ $STORE == memstore && $existing == bluestore ]]; then
      die "$DIR holds a bluestore (persistent) cluster; refusing to wipe it for memstore (remove it yourself)"
    fi
    create_cluster
  fi

  start_daemon "$RGW_NAME" radosgw -n "$RGW_NAME"
  wait_for "the OSD to come up" "osd.$OSD_ID mon.$MON_ID" "$DEADLINE" osd_up
  log "OSD up after $(($(now) - start))s; waiting for RGW on http://127.0.0.1:$PORT"
  wait_for "RGW on 127.0.0.1:$PORT" "$RGW_NAME osd.$OSD_ID" "$DEADLINE" rgw_ready
  log "RGW answers after $(($(now) - start))s"
  ensure_user
  [[ $(state_get ready) == 1 ]] || echo "ready=1" >>"$DIR/$STATE_FILE"
  log "ready in $(($(now) - start))s: http://127.0.0.1:$PORT ($STORE, $DIR)"
}

# ----------------------------------------------------------------- main ---

[[ $# -ge 1 ]] || usage
CMD=$1
shift
DIR=""
STORE=""
PORT=7480
OSD_ID=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --dir) DIR=${2:?--dir needs a value}; shift 2 ;;
    --dir=*) DIR=${1#*=}; shift ;;
    --store) STORE=${2:?--store needs a value}; shift 2 ;;
    --store=*) STORE=${1#*=}; shift ;;
    --port) PORT=${2:?--port needs a value}; shift 2 ;;
    --port=*) PORT=${1#*=}; shift ;;
    -h | --help) usage ;;
    *) log "unknown argument: $1"; usage ;;
  esac
done
[[ $PORT =~ ^[0-9]+$ ]] || die "--port must be a number"

case $CMD in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) usage ;;
esac
