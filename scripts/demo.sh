#!/usr/bin/env bash
# `make demo`: Brickyard driving real GlusterFS hosts over SSH.
#   1. the testbed: three hosts in network namespaces of this machine
#      (198.18.0.0/24), each with sshd, glusterd, a loop disk and the
#      TEST-ONLY LVM stand-in (tests/e2e/);
#   2. brickyard with the ssh executor (key and known_hosts of the testbed),
#      on 127.0.0.1, its store under $GTB_STATE/demo/;
#   3. brickyard-cli: topology load, volume create --size=1 --replica=3;
#   4. a GlusterFS FUSE mount in the root namespace with the mount options
#      brickyard returned, a file written and read back.
# `make demo-down` (demo.sh down) deletes the volumes through brickyard,
# unmounts, stops the server and removes the testbed.
#
# Only one testbed can use 198.18.0.0/24 at a time. `up` and `down` hold the
# end-to-end tests' run lock (tests/e2e/testbed.cc: <e2e state dir>.run.lock)
# while they work, and `up` refuses, saying why, when an end-to-end run holds
# it or another testbed already uses the network. While the demo is up, the
# end-to-end tests skip with "198.18.0.0/24 is already used".
#
# Usage (root): scripts/demo.sh up|down      env: BUILD_DIR (build), GTB_*,
#                                                 BRICKYARD_E2E_STATE
set -Eeuo pipefail

# Re-run under the lock; `flock -o` keeps the lock fd out of the daemons the
# demo starts (glusterd would hold it forever, gluster-testbed.sh pitfall 13).
e2e_lock=${BRICKYARD_E2E_STATE:-/tmp/brickyard-e2e-testbed}.run.lock
if [[ ${BRICKYARD_DEMO_LOCKED:-} != 1 && ${1:-} =~ ^(up|down)$ ]]; then
  BRICKYARD_DEMO_LOCKED=1 flock -o -n -E 75 "$e2e_lock" "$BASH" "$0" "$@" && exit 0 || rc=$?
  if (( rc == 75 )); then
    echo "demo: the GlusterFS testbed is in use by an end-to-end test run ($e2e_lock is held);" \
         "run the demo when it has finished" >&2
  fi
  exit "$rc"
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-build}
[[ $build == /* ]] || build=$repo/$build
export GTB_STATE=${GTB_STATE:-/tmp/gluster-testbed}
S=${GTB_STATE%/}
D=$S/demo
t_start=$SECONDS
t_step=$SECONDS

step() {
  printf '\n=== [%3ds] %s\n' "$((SECONDS - t_start))" "$*"
  t_step=$SECONDS
}
took() { echo "    ($((SECONDS - t_step)) s)"; }
die() { echo "demo: $*" >&2; exit 1; }
server_pid() {
  local p
  p=$(cat "$D/server.pid" 2>/dev/null) || return 1
  [[ -n $p ]] && kill -0 "$p" 2>/dev/null && [[ $(readlink "/proc/$p/exe") == "$build/bin/brickyard" ]] \
    && echo "$p"
}
cli() {
  local port
  port=$(cat "$D/port")
  printf '$ brickyard-cli %s\n' "$*" >&2
  "$build/bin/brickyard-cli" --server "http://127.0.0.1:$port" --user admin --secret admin-secret "$@"
}
# mount.glusterfs (and daemons in general) must not inherit our fds
close_fds() {
  ( for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; (( fd > 2 )) && eval "exec $fd>&-"; done
    exec "$@" ) </dev/null
}

# Another testbed (another state dir or bridge) already on 198.18.0.0/24.
other_testbed() {
  local bridge=${GTB_BRIDGE:-gtb0}
  ip -4 -o addr show | awk -v br="$bridge" '$4 ~ /^198\.18\.0\./ && $2 != br {print $2, $4}'
}

up() {
  [[ $(id -u) == 0 ]] || die "needs root (network namespaces, loop devices, mounts)"
  [[ -x $build/bin/brickyard && -x $build/bin/brickyard-cli ]] \
    || die "no binaries in $build/bin (make build)"
  local other
  other=$(other_testbed)
  [[ -z $other ]] || die "198.18.0.0/24 is already used by $other (another testbed is up:" \
    "make testbed-down, or an end-to-end run kept with BRICKYARD_E2E_KEEP=1)"
  step "testbed: 3 GlusterFS hosts + LVM stand-in"
  "$repo/scripts/testbed.sh" up
  took
  # shellcheck source=/dev/null
  source "$S/hosts.env"

  step "brickyard with the ssh executor"
  mkdir -p "$D/mnt"
  if server_pid >/dev/null; then
    echo "already running (pid $(server_pid), port $(cat "$D/port"))"
  else
    cat >"$D/brickyard.json" <<JSON
{
  "port": "0",
  "bind_address": "127.0.0.1",
  "jwt": { "admin": { "key": "admin-secret" }, "user": { "key": "user-secret" } },
  "glusterfs": {
    "executor": "ssh",
    "db": "$D/brickyard.db",
    "loglevel": "info",
    "sshexec": {
      "keyfile": "$GTB_SSH_KEY",
      "user": "root",
      "port": "22",
      "known_hosts": "$GTB_SSH_KNOWN_HOSTS",
      "fstab": "/etc/fstab"
    }
  }
}
JSON
    : >"$D/server.out"
    # one fork, then exec: $! is the server's pid; no inherited fds (pitfall 13)
    ( for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; (( fd > 2 )) && eval "exec $fd>&-"; done
      exec setsid "$build/bin/brickyard" --config "$D/brickyard.json" \
    ) </dev/null >"$D/server.out" 2>"$D/server.log" &
    echo $! >"$D/server.pid"
    for _ in $(seq 150); do
      grep -q '^Listening on port' "$D/server.out" && break
      kill -0 "$(cat "$D/server.pid")" 2>/dev/null || break
      sleep 0.2
    done
    if ! grep -q '^Listening on port' "$D/server.out"; then
      cat "$D/server.log" >&2
      if grep -q 'invalid executor: ssh' "$D/server.log"; then
        die "BLOCKED: this brickyard build has no \"ssh\" executor yet." \
            "scripts/demo-manual.sh runs the same walkthrough with the commands typed by hand."
      fi
      die "brickyard did not start (log: $D/server.log)"
    fi
    sed -n 's/^Listening on port \([0-9]*\).*/\1/p' "$D/server.out" | head -n1 >"$D/port"
    echo "pid $(cat "$D/server.pid"), http://127.0.0.1:$(cat "$D/port"), log $D/server.log"
  fi
  took

  step "topology load ($S/topology.json)"
  cat "$S/topology.json"
  cli topology load --json="$S/topology.json"
  took

  step "volume create --size=1 --replica=3"
  cli --json volume create --size=1 --replica=3 >"$D/volume.json"
  python3 -m json.tool "$D/volume.json" | sed -n '1,200p' | grep -E '"(id|name|size|device|backup-volfile-servers|path)"' || true
  took

  step "FUSE mount in the root namespace with the options brickyard returned"
  local name device backup mp
  read -r name device backup < <(python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
g = v["mount"]["glusterfs"]
print(v["name"], g["device"], g.get("options", {}).get("backup-volfile-servers", "-"))' "$D/volume.json")
  mp=$D/mnt/$name
  mkdir -p "$mp"
  # brickyard answers Heketi's "h2,h3"; mount.glusterfs wants "h2:h3"
  local opts="log-file=$D/mnt/$name.log"
  [[ $backup != - ]] && opts+=",backup-volfile-servers=${backup//,/:}"
  echo "\$ mount -t glusterfs -o $opts $device $mp"
  close_fds timeout 60 mount -t glusterfs -o "$opts" "$device" "$mp"
  findmnt "$mp"
  took

  step "write and read a file through FUSE"
  head -c 16M /dev/urandom >"$D/hello.bin"
  cp "$D/hello.bin" "$mp/hello.bin"
  sync
  cmp "$D/hello.bin" "$mp/hello.bin"
  echo "16 MiB written and read back: identical"
  for i in 1 2 3; do
    "$repo/tests/e2e/gluster-testbed.sh" ssh "$i" \
      "for f in /var/lib/heketi/mounts/vg_*/brick_*/brick/hello.bin; do echo \"\$(hostname): \$f \$(md5sum < \$f)\"; done"
  done
  echo "expected: $(md5sum <"$D/hello.bin")"
  df -h "$mp"
  took

  step "done in $((SECONDS - t_start)) s: $name on $mp (make demo-down removes everything)"
}

down() {
  step "unmount FUSE clients"
  local mp
  for mp in "$D"/mnt/*/; do
    [[ -d $mp ]] || continue
    mp=${mp%/}
    if mountpoint -q "$mp"; then
      echo "umount $mp"; timeout 30 umount "$mp" || umount -l "$mp"
    fi
  done
  if server_pid >/dev/null; then
    step "delete every volume through brickyard"
    local id
    for id in $(cli volume list 2>/dev/null | sed -n 's/^Id:\([0-9a-f]\{32\}\).*/\1/p'); do
      cli volume delete "$id" || echo "(delete $id failed; the testbed goes anyway)"
    done
    step "stop brickyard"
    local p n
    p=$(server_pid)
    kill -TERM "$p"
    for n in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$p" 2>/dev/null && kill -KILL "$p"
  fi
  step "testbed down"
  "$repo/scripts/testbed.sh" down
  rm -rf "${D:?}"
  step "demo removed in $((SECONDS - t_start)) s"
}

case ${1:-} in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
