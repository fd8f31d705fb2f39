#!/usr/bin/env bash
# =============================================================================
# gluster-testbed.sh - N independent GlusterFS storage "hosts" on ONE Linux box
# =============================================================================
#
# Purpose: end-to-end tests of a volume-management service that drives storage
# nodes over SSH (Heketi-style).  Each emulated host is:
#   * a network namespace  <prefix>-h<i>  with eth0 = ${GTB_NET}.(GTB_IP_BASE+i)/24
#     on a bridge (root side ${GTB_NET}.1/24); no default route, IPv6 disabled,
#     so hosts can only talk inside the /24;
#   * a persistent private mount namespace + UTS namespace (hostname <prefix>-h<i>)
#     in which these paths are bind-mounted from the state dir:
#       /var/lib/glusterd  /var/log/glusterfs  /run (=> /run/gluster, sockets,
#       pid files, /run/sshd)  ${GTB_BRICK_ROOT} (brick mount area)  /etc/hosts
#   * its own sshd (key-only root login, ListenAddress = the host's IP only);
#   * its own glusterd (fresh /var/lib/glusterd => its own UUID);
#   * GTB_DISKS sparse image files attached to loop devices (its "disks").
#
# Usage (run as root):
#   gluster-testbed.sh up        create/complete the testbed (idempotent)
#   gluster-testbed.sh status    show health; exit 0 healthy, 1 degraded, 3 down
#   gluster-testbed.sh down      unmount, stop volumes, kill (by PID) everything
#                                running in the hosts, detach loops, delete
#                                namespaces and bridge (idempotent).  Keeps the
#                                SSH keys in $GTB_STATE/ssh so a service under
#                                test can keep its key path between cycles.
#   gluster-testbed.sh purge     down + remove the whole state dir
#   gluster-testbed.sh ssh I CMD...   run CMD on host I over ssh
#   gluster-testbed.sh exec I CMD...  run CMD in host I's namespaces (nsenter)
#   gluster-testbed.sh demo      replica-3 end-to-end demo (needs >= 3 hosts up)
#
# Parameters (environment variables, defaults in brackets):
#   GTB_STATE       state dir                          [/tmp/gluster-testbed]
#   GTB_HOSTS       number of hosts                    [3]
#   GTB_DISKS       loop "disks" per host              [1]
#   GTB_DISK_SIZE   size of each sparse disk image     [2G]   (XFS needs >=300M)
#   GTB_NET         first 3 octets of the /24, must be inside 198.18.0.0/15
#                   (RFC 2544 benchmarking range)      [198.18.0]
#   GTB_IP_BASE     host i gets ${GTB_NET}.$((GTB_IP_BASE+i))   [10]
#   GTB_BRIDGE      bridge name (root ns side is ${GTB_NET}.1) [gtb0]
#   GTB_PREFIX      netns/hostname prefix (<=6 chars)  [gtb]
#   GTB_BRICK_ROOT  per-host private brick mount area  [/var/lib/heketi]
#   GTB_TIMEOUT     seconds to wait for daemons        [60]
#   GTB_DEMO_VOL    volume name used by `demo`         [v1]
#
# Outputs for a harness (written by `up`):
#   $GTB_STATE/ssh/id_ed25519      client key   (ssh -i KEY root@IP 'cmd')
#   $GTB_STATE/ssh/known_hosts     host keys of all hosts (keys survive `down`)
#   $GTB_STATE/ssh/config          ssh -F CONFIG <prefix>-h1 'cmd'
#   $GTB_STATE/hosts.env           GTB_H<i>_NAME / _IP / _DISKS (shell syntax)
#   $GTB_STATE/topology.json       Heketi-style topology (manage = storage = IP)
#
# -----------------------------------------------------------------------------
# PITFALLS found while building this (GlusterFS 10.3, Debian 12, kernel 6.x)
# -----------------------------------------------------------------------------
#  1. UUID uniqueness.  glusterd generates /var/lib/glusterd/glusterd.info
#     (UUID=...) on first start.  If hosts share or copy that directory they
#     get the same UUID and `peer probe` fails ("... is the same as local
#     uuid"/ peer rejected).  Every host therefore gets an EMPTY private
#     /var/lib/glusterd, seeded only with the package's groups/ and hooks/
#     (never glusterd.info/vols/peers); `up` aborts if two UUIDs collide.
#  2. /run must be private, not just /run/gluster.  The gluster CLI talks to
#     glusterd over /run/glusterd.socket; with a shared /run the CLI of host 2
#     silently drives host 1's glusterd.  Brick/shd pid files and sockets live
#     in /run/gluster too, and glusterd decides "brick already running" from
#     them.  sshd also needs /run/sshd, created inside the private /run.
#  3. Hostname resolution.  All namespaces share one UTS name unless a UTS
#     namespace is created; each host gets its own hostname and a private
#     /etc/hosts listing every testbed host (root's /etc/hosts is untouched).
#     Consequence: the ROOT namespace cannot resolve <prefix>-h<i>, so volumes
#     must be created with IP addresses as brick hosts if the fuse client runs
#     in the root namespace (that is what topology.json does: manage=storage=IP).
#  4. Ports: every netns has its own port space, so all glusterds use 24007
#     and bricks 49152+ without conflicts; nothing listens in the root ns.
#  5. "Escaping" processes.  glusterd forks bricks (glusterfsd), the self-heal
#     daemon and hook scripts; they inherit its namespaces - but ONLY if
#     glusterd itself was started with BOTH the netns and the mntns (an
#     `ip netns exec glusterd` would share /var/lib/glusterd and /run with the
#     root ns).  `status` verifies that every process in a host's netns is also
#     in its mntns.  The PID namespace is NOT private: `ps`, `pkill glusterfsd`
#     or `killall` run over ssh on one host see/kill the processes of ALL hosts.
#     Use pid files (/run/glusterd.pid, /run/gluster/vols/<v>/*.pid,
#     /run/gluster/shd/<v>/*.pid) - the demo does.  /dev is shared too: every
#     host can see every loop device; use only the devices listed for a host.
#  6. There is no systemd: `systemctl start/stop glusterd` does not exist in a
#     host.  Start glusterd with `glusterd -p /run/glusterd.pid` (it forks and
#     survives the ssh session); stop with kill $(cat /run/glusterd.pid).
#  7. Fuse mount from the root namespace works (mount -t glusterfs IP:/vol
#     DIR); pass log-file=... (else it logs to root's /var/log/glusterfs) and
#     backup-volfile-servers=IP2:IP3.  Mount namespaces copy mounts: a host
#     namespace created while a fuse (or loop) mount exists in the root ns
#     would pin it (umount in root then leaves the client process running), so
#     new host namespaces lazily unmount inherited fuse.glusterfs, /dev/loop*
#     and nsfs mounts.  Root mounts on this VM are "private" (no systemd), so
#     propagation between root and hosts never happens in either direction.
#  8. Persistent mount namespaces (unshare --mount=FILE) require FILE to live
#     on a non-shared mount: the script bind-mounts $GTB_STATE/ns onto itself
#     and makes it private.
#  9. Network safety: the root ns has a default route to the outside; if the
#     bridge is missing, packets to 198.18.0.x would leave through it.  Every
#     network action in this script first checks that the bridge carries
#     ${GTB_NET}.1/24.  Hosts have no default route at all.
# 10. `volume create` with bricks on SUB-DIRECTORIES of dedicated XFS mounts
#     on distinct hosts does NOT need `force`.  Verified: without `force`
#     glusterd refuses a brick that "is a mount point", one "being created in
#     the root partition" (a plain dir under the bind-mounted brick area is on
#     the root fs!) and "Multiple bricks of a replicate volume ... on the same
#     server" - the situations of a single-node test.
# 11. Killing a brick process (RST) is noticed by fuse clients immediately;
#     cutting the network instead (ip link set down) makes clients hang for
#     network.ping-timeout (42 s default) - lower it for failure tests.
# 12. XFS refuses to mount two filesystems with the same UUID: if a harness
#     clones disk images, mount with -o nouuid or run xfs_admin -U generate.
# 13. glusterd does not close inherited file descriptors when it daemonizes
#     (sshd does).  A lock fd or a harness pipe inherited by glusterd stays
#     open for its lifetime (a `down` blocked on the lock; a `| tee` would
#     never see EOF).  Daemons are started with all fds > 2 closed and the
#     lock is taken with `flock -o` (not inherited by children).
# 14. /etc is shared unless made private.  Heketi-style services append the
#     brick mounts to /etc/fstab (and `sed -i.save` them away, which renames a
#     new file over fstab): with a shared /etc every host would edit the ROOT
#     namespace's fstab.  Each host gets a copy-on-write overlay of /etc (upper
#     dir in its state dir); a bind-mounted fstab file would not do, since a
#     rename onto a mount point fails with EBUSY.
# 15. /root is shared too: the machine's ~/.bashrc (sourced by bash for every
#     ssh command) leaked its PATH and start-up cost (pyenv: ~0.25 s per
#     command) into the hosts.  Each host gets an empty private /root.
#
# -----------------------------------------------------------------------------
# LVM EMULATION (proposal only - NOT implemented here; no device-mapper)
# -----------------------------------------------------------------------------
#  [Implemented, with some differences, by lvm-standin/ beside this script.]
#  Heketi-style services run pvcreate/vgcreate/vgremove/lvcreate --thinpool/
#  lvcreate -V/lvremove/lvs/vgs/pvs, then mkfs.xfs /dev/<vg>/<lv> and mount it.
#  Without device-mapper none of this can work, so a test harness should put a
#  shim directory FIRST in the host's PATH (bind-mount it over /usr/local/sbin
#  inside each host's mount namespace; sshd's root PATH starts with it):
#   * One script, symlinked as pvcreate pvremove pvs vgcreate vgremove vgs
#     vgdisplay vgextend lvcreate lvremove lvs lvchange (dispatch on $0);
#     Heketi also calls `vgdisplay -c VG` (colon format) for extent counts.
#   * State per host in /var/lib/lvm-shim/ (a private dir, so per host):
#     pv/<devname> (the loop device), vg/<vg>/{pvs,size,extent}, lv/<vg>/<lv>
#     {size,thin_pool,origin}.  flock a lock file around every operation.
#   * pvcreate DEV: check DEV is one of the host's loop devices and unused;
#     record.  vgcreate VG DEV...: sum device sizes (blockdev --getsize64).
#   * lvcreate -L/--size --thinpool POOL VG: record pool size, check VG free.
#     lvcreate -V SIZE -T VG/POOL -n LV: allocate a sparse backing file
#     /var/lib/lvm-shim/data/VG/LV.img (truncate -s SIZE), losetup -f --show
#     it, and create symlinks /dev/VG/LV and /dev/mapper/VG-LV -> /dev/loopN
#     (Heketi mkfs/mounts /dev/mapper/vg_<id>-brick_<id>).  /dev is shared by
#     all hosts, which is acceptable because VG names are unique (vg_<id>);
#     the harness teardown must remove them.  Note /proc/mounts will show
#     /dev/loopN, not the mapper name, if the service parses mount output.
#     Thin semantics: the pool's "data%" = sum of allocated blocks of the LV
#     images (du --block-size=1) / pool size; enforce over-commit limits as the
#     service expects.  Snapshots (lvcreate -s) can be `cp --reflink=auto`.
#   * lvremove VG/LV: refuse if mounted (findmnt -S), losetup -d, rm image and
#     symlink.  vgremove: refuse if LVs remain.
#   * lvs/vgs/pvs: reproduce the exact output the service parses, i.e. honour
#     --noheadings --units k/b --nosuffix --separator : -o field,list
#     (lv_name,lv_size,data_percent,metadata_percent,pool_lv,vg_name,
#     vg_free,vg_extent_size,vg_extent_count,vg_free_count,pv_name,...).
#     Capture real output once on a machine with LVM and replay the format.
#   * Everything else (mkfs.xfs, mount, fstab edits, gluster) stays real,
#     because the "LV" is a real block device (loop) carrying real XFS.
#  Loop devices are a global resource: the harness should cap their number
#  and detach them in teardown (this script's `down` only detaches loops whose
#  backing file lives under $GTB_STATE - keep the shim's images there, e.g.
#  bind-mount $GTB_STATE/h<i>/lvm-shim onto /var/lib/lvm-shim).
# =============================================================================
set -Eeuo pipefail

GTB_STATE=${GTB_STATE:-/tmp/gluster-testbed}
GTB_HOSTS=${GTB_HOSTS:-3}
GTB_DISKS=${GTB_DISKS:-1}
GTB_DISK_SIZE=${GTB_DISK_SIZE:-2G}
GTB_NET=${GTB_NET:-198.18.0}
GTB_IP_BASE=${GTB_IP_BASE:-10}
GTB_BRIDGE=${GTB_BRIDGE:-gtb0}
GTB_PREFIX=${GTB_PREFIX:-gtb}
GTB_BRICK_ROOT=${GTB_BRICK_ROOT:-/var/lib/heketi}
GTB_TIMEOUT=${GTB_TIMEOUT:-60}
GTB_DEMO_VOL=${GTB_DEMO_VOL:-v1}

S=${GTB_STATE%/}
NSDIR=$S/ns                 # private bind mount holding the nsfs handles
SSHDIR=$S/ssh               # client key, host keys, known_hosts (survive down)
KEY=$SSHDIR/id_ed25519
KH=$SSHDIR/known_hosts
BR_IP=$GTB_NET.1
SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# ----------------------------------------------------------------- helpers ---
log()  { printf '[gtb %(%T)T] %s\n' -1 "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }
now()  { date +%s.%N; }
dt()   { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b-a}'; }

hname() { echo "$GTB_PREFIX-h$1"; }                  # hostname == netns name
hip()   { echo "$GTB_NET.$((GTB_IP_BASE + $1))"; }
hdir()  { echo "$S/h$1"; }
hveth() { echo "$GTB_PREFIX-h${1}v"; }               # root-side veth end

validate() {
  [[ $EUID -eq 0 ]] || die "must run as root"
  [[ $GTB_NET =~ ^198\.1[89]\.([0-9]{1,3})$ ]] && (( BASH_REMATCH[1] <= 255 )) \
    || die "GTB_NET=$GTB_NET must be inside 198.18.0.0/15 (e.g. 198.18.0)"
  [[ $GTB_HOSTS =~ ^[1-9][0-9]*$ && $GTB_DISKS =~ ^[1-9][0-9]*$ ]] \
    || die "GTB_HOSTS/GTB_DISKS must be positive integers"
  [[ $GTB_IP_BASE =~ ^[0-9]+$ ]] && (( GTB_IP_BASE >= 1 && GTB_IP_BASE + GTB_HOSTS <= 254 )) \
    || die "GTB_IP_BASE+GTB_HOSTS must stay within .2-.254"
  [[ $GTB_PREFIX =~ ^[a-z][a-z0-9]{0,5}$ ]] || die "GTB_PREFIX must be [a-z][a-z0-9]{0,5}"
  [[ ${#GTB_BRIDGE} -le 15 ]] || die "GTB_BRIDGE name too long"
  [[ $S == /* && $S != / ]] || die "GTB_STATE must be an absolute path"
  [[ $GTB_BRICK_ROOT == /* && $GTB_BRICK_ROOT != / ]] || die "GTB_BRICK_ROOT must be absolute"
  local c
  for c in ip nsenter unshare losetup mkfs.xfs glusterd gluster sshd ssh ssh-keygen \
           findmnt mountpoint flock truncate awk stat; do
    command -v "$c" >/dev/null || die "missing command: $c"
  done
}

# Serialise up/down/purge.  The script re-executes itself under `flock -o`, so
# the lock fd is NOT inherited by the daemons it starts (pitfall 13: glusterd
# keeps inherited fds open forever, which blocked the next `down`).
with_lock() {
  [[ ${GTB_LOCKED:-} == "$S" ]] && return 0
  mkdir -p "$(dirname "$S")"
  GTB_LOCKED=$S exec flock -o -w 600 -E 75 "$S.lock" "$BASH" "$0" "$@"
}

# Run "$@" with every fd above 2 closed, so daemons do not inherit the
# caller's pipes, sockets or lock files (pitfall 13).
close_fds() {
  (
    local fd
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    "$@"
  )
}

# Refuse network traffic unless the bridge owns the testbed /24 (pitfall 9).
bridge_ok() { ip -4 -o addr show dev "$GTB_BRIDGE" 2>/dev/null | grep -q " $BR_IP/24 "; }

# dev:inode identity of a namespace handle (nsfs); empty if not a ns handle.
ns_id() { [[ -e $1 ]] && stat -L -c '%d:%i' "$1" 2>/dev/null || true; }
netns_id() { ns_id "/run/netns/$(hname "$1")"; }
mntns_id() { mountpoint -q "$NSDIR/h$1.mnt" 2>/dev/null && ns_id "$NSDIR/h$1.mnt" || true; }

# Known host indices: state dirs plus any leftover netns with our prefix.
host_indices() {
  { local d; for d in "$S"/h[0-9]*; do [[ -d $d ]] && echo "${d##*/h}"; done
    ip netns list 2>/dev/null | awk '{print $1}' | sed -n "s/^$GTB_PREFIX-h\([0-9]\+\)$/\1/p"
  } | sort -n -u
}

# Run a command inside host I's namespaces (net + mnt + uts) with a clean env.
hexec() {
  local i=$1; shift
  nsenter --net="/run/netns/$(hname "$i")" --mount="$NSDIR/h$i.mnt" \
          --uts="$NSDIR/h$i.uts" -- \
    env -i PATH="$SYS_PATH" LANG=C.UTF-8 HOME=/root "$@"
}

# Run a command on host I over ssh, exactly like the service under test would.
hssh() {
  local i=$1; shift
  bridge_ok || die "bridge $GTB_BRIDGE with $BR_IP/24 missing; refusing to ssh"
  ssh -F /dev/null -i "$KEY" -o IdentitiesOnly=yes -o UserKnownHostsFile="$KH" \
      -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes \
      -o BatchMode=yes -o ConnectTimeout=5 -o LogLevel=ERROR \
      "root@$(hip "$i")" "$@"
}

is_running() {                                   # alive and not a zombie
  local st
  st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ -n $st && $st != Z && $st != X ]]
}

# PIDs whose net OR mnt namespace is host I's (all were started by this tool).
host_pids() {
  local i=$1 nid mid p pn pm
  nid=$(netns_id "$i"); mid=$(mntns_id "$i")
  [[ -n $nid || -n $mid ]] || return 0
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [[ $p == "$$" || $p == "$BASHPID" ]] && continue
    pn=$(stat -L -c '%d:%i' "/proc/$p/ns/net" 2>/dev/null) || continue
    pm=$(stat -L -c '%d:%i' "/proc/$p/ns/mnt" 2>/dev/null) || continue
    if [[ -n $nid && $pn == "$nid" ]] || [[ -n $mid && $pm == "$mid" ]]; then
      is_running "$p" && echo "$p"
    fi
  done
  return 0
}

# PID from a pid file, only if that process is alive inside host I's netns.
host_pidfile_pid() {
  local i=$1 f=$2 p
  [[ -s $f ]] || return 1
  p=$(tr -dc '0-9' <"$f"); [[ -n $p ]] || return 1
  is_running "$p" || return 1
  [[ $(stat -L -c '%d:%i' "/proc/$p/ns/net" 2>/dev/null) == "$(netns_id "$i")" ]] || return 1
  echo "$p"
}

kill_pids() {                                    # TERM, wait <=10 s, then KILL
  (( $# )) || return 0
  local p alive=() n
  kill -TERM "$@" 2>/dev/null || true
  for n in $(seq 50); do
    alive=(); for p in "$@"; do is_running "$p" && alive+=("$p"); done
    (( ${#alive[@]} )) || return 0
    sleep 0.2
  done
  log "  SIGKILL ${alive[*]}"
  kill -KILL "${alive[@]}" 2>/dev/null || true
  for n in $(seq 25); do
    alive=(); for p in "$@"; do is_running "$p" && alive+=("$p"); done
    (( ${#alive[@]} )) || return 0
    sleep 0.2
  done
}

wait_for() {                                     # wait_for SECONDS CMD...
  local t=$1 end; shift; end=$((SECONDS + t))
  until "$@" >/dev/null 2>&1; do (( SECONDS < end )) || return 1; sleep 0.2; done
}

# ------------------------------------------------------------------- up -----
ensure_ssh_keys() {
  install -d -m 0700 "$SSHDIR" "$SSHDIR/hostkeys"
  [[ -s $KEY ]] || ssh-keygen -q -t ed25519 -N '' -C gluster-testbed -f "$KEY"
  cp "$KEY.pub" "$SSHDIR/authorized_keys"; chmod 0600 "$SSHDIR/authorized_keys"
}

write_hosts_file() {        # private /etc/hosts for every host (pitfall 3)
  local n=$1 i
  {
    echo "127.0.0.1 localhost"
    echo "::1 localhost ip6-localhost ip6-loopback"
    for ((i = 1; i <= n; i++)); do echo "$(hip "$i") $(hname "$i")"; done
  } >"$S/hosts.new"
  # rewrite in place: the file is bind-mounted, its inode must not change
  [[ -f $S/hosts ]] && cmp -s "$S/hosts.new" "$S/hosts" || cat "$S/hosts.new" >"$S/hosts"
  rm -f "$S/hosts.new"
}

ensure_bridge() {
  if ! ip link show dev "$GTB_BRIDGE" >/dev/null 2>&1; then
    ip link add "$GTB_BRIDGE" type bridge
  fi
  sysctl -qw "net.ipv6.conf.$GTB_BRIDGE.disable_ipv6=1"
  bridge_ok || ip addr add "$BR_IP/24" dev "$GTB_BRIDGE"
  ip link set "$GTB_BRIDGE" up
}

ensure_net() {
  local i=$1 ns v ip
  ns=$(hname "$i"); v=$(hveth "$i"); ip=$(hip "$i")
  [[ -e /run/netns/$ns ]] || ip netns add "$ns"
  # per-netns sysctls (/proc/sys/net follows the caller's netns)
  nsenter --net="/run/netns/$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
    net.ipv6.conf.default.disable_ipv6=1
  if ip link show dev "$v" >/dev/null 2>&1 && ! ip -n "$ns" link show dev eth0 >/dev/null 2>&1; then
    ip link del "$v"                              # stale pair from an old netns
  fi
  if ! ip link show dev "$v" >/dev/null 2>&1; then
    ip link add "$v" type veth peer name eth0 netns "$ns"
  fi
  sysctl -qw "net.ipv6.conf.$v.disable_ipv6=1"
  ip link set "$v" master "$GTB_BRIDGE"
  ip link set "$v" up
  ip -n "$ns" link set lo up
  ip -n "$ns" -4 -o addr show dev eth0 | grep -q " $ip/24 " || ip -n "$ns" addr add "$ip/24" dev eth0
  ip -n "$ns" link set eth0 up
}

ensure_disks() {
  local i=$1 h k img dev
  h=$(hdir "$i"); mkdir -p "$h/disks"
  for ((k = 1; k <= GTB_DISKS; k++)); do
    img=$h/disks/disk$k.img
    [[ -f $img ]] || truncate -s "$GTB_DISK_SIZE" "$img"
    dev=$(losetup -n -O NAME -j "$img" | head -n1)
    [[ -n $dev ]] || dev=$(losetup -f --show "$img")
    echo "$dev" >"$h/disks/disk$k.dev"
  done
}

# Body executed inside a freshly unshared mount+UTS namespace (pitfalls 2,3,7).
# shellcheck disable=SC2016
MNTNS_INIT='
set -e
hostname "$GTB_HN"
# drop inherited mounts a host must not pin: fuse clients, loop filesystems of
# the root ns (or of other tests), namespace handles (/run/netns/*).
findmnt -rn -o TARGET,FSTYPE,SOURCE | sort -r | while read -r t fs src; do
  case "$fs|$src" in
    fuse.glusterfs\|*|nsfs\|*|*\|/dev/loop*) umount -l "$(printf "%b" "$t")" 2>/dev/null || true ;;
  esac
done
mount -t sysfs sysfs /sys                      # /sys/class/net of this netns
mount --bind "$GTB_H/root/run" /run            # private /run (+ /var/run)
install -d -m 0755 /run/gluster /run/sshd /run/lock /run/mount
mount --bind "$GTB_H/root/var-lib-glusterd" /var/lib/glusterd
mount --bind "$GTB_H/root/var-log-glusterfs" /var/log/glusterfs
mount --bind "$GTB_H/root/brick-root" "$GTB_BRICK_ROOT"
# private, copy-on-write /etc (pitfall 14): /etc/fstab edits stay on this host
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$GTB_H/root/etc-upper,workdir=$GTB_H/root/etc-work" /etc
mount --bind "$GTB_H/root/home-root" /root   # private HOME (pitfall 15)
mount --bind "$GTB_HOSTS_FILE" /etc/hosts
'

ensure_mntns() {
  local i=$1 h f u
  h=$(hdir "$i"); f=$NSDIR/h$i.mnt; u=$NSDIR/h$i.uts
  mkdir -p "$NSDIR"
  if ! mountpoint -q "$NSDIR"; then             # pitfall 8
    mount --bind "$NSDIR" "$NSDIR"; mount --make-private "$NSDIR"
  fi
  if mountpoint -q "$f" && mountpoint -q "$u"; then return 0; fi
  umount "$f" 2>/dev/null || true; umount "$u" 2>/dev/null || true
  touch "$f" "$u"
  install -d -m 0755 "$h/root/run" "$h/root/var-lib-glusterd" \
    "$h/root/var-log-glusterfs" "$h/root/brick-root" "$h/root/etc-upper" "$h/root/etc-work"
  install -d -m 0700 "$h/root/home-root"
  find "$h/root/run" -mindepth 1 -delete        # a new mntns == a reboot
  # seed the package's static glusterd files, NEVER glusterd.info (pitfall 1)
  local d
  for d in groups hooks; do
    [[ -e $h/root/var-lib-glusterd/$d || ! -d /var/lib/glusterd/$d ]] \
      || cp -a "/var/lib/glusterd/$d" "$h/root/var-lib-glusterd/"
  done
  # mount points must exist in the shared filesystem tree
  [[ -d $GTB_BRICK_ROOT ]] || { mkdir -p "$GTB_BRICK_ROOT"; echo "$GTB_BRICK_ROOT" >"$S/created-brick-root"; }
  [[ -d /var/lib/glusterd && -d /var/log/glusterfs ]] || mkdir -p /var/lib/glusterd /var/log/glusterfs
  nsenter --net="/run/netns/$(hname "$i")" -- \
    unshare --mount="$f" --uts="$u" --propagation private -- \
    env -i PATH="$SYS_PATH" GTB_HN="$(hname "$i")" GTB_H="$h" \
      GTB_BRICK_ROOT="$GTB_BRICK_ROOT" GTB_HOSTS_FILE="$S/hosts" \
      bash -c "$MNTNS_INIT"
}

write_sshd_config() {
  local i=$1 h
  h=$(hdir "$i")
  cat >"$h/sshd_config" <<EOF
# generated by gluster-testbed.sh for $(hname "$i")
ListenAddress $(hip "$i")
Port 22
HostKey $SSHDIR/hostkeys/h${i}_ed25519_key
PidFile $h/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
AuthorizedKeysFile $SSHDIR/authorized_keys
# the key file lives under the state dir (e.g. /tmp, mode 1777): skip modes check
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM yes
UseDNS no
X11Forwarding no
PrintMotd no
MaxStartups 100:30:200
MaxSessions 100
Subsystem sftp internal-sftp
EOF
}

ensure_sshd() {
  local i=$1 h hk
  h=$(hdir "$i"); hk=$SSHDIR/hostkeys/h${i}_ed25519_key
  [[ -s $hk ]] || ssh-keygen -q -t ed25519 -N '' -C "$(hname "$i")" -f "$hk"
  write_sshd_config "$i"
  host_pidfile_pid "$i" "$h/sshd.pid" >/dev/null && return 0
  hexec "$i" /usr/sbin/sshd -t -f "$h/sshd_config"
  close_fds hexec "$i" /usr/sbin/sshd -f "$h/sshd_config" -E "$h/sshd.log" </dev/null >/dev/null 2>&1
}

ensure_glusterd() {
  local i=$1
  host_pidfile_pid "$i" "$(hdir "$i")/root/run/glusterd.pid" >/dev/null && return 0
  close_fds hexec "$i" glusterd -p /run/glusterd.pid --log-level INFO </dev/null >/dev/null 2>&1
}

write_client_files() {     # known_hosts, ssh config, hosts.env, topology.json
  local n=$1 i k sep
  : >"$KH.new"
  for ((i = 1; i <= n; i++)); do
    echo "$(hip "$i"),$(hname "$i") $(cut -d' ' -f1,2 "$SSHDIR/hostkeys/h${i}_ed25519_key.pub")" >>"$KH.new"
  done
  mv "$KH.new" "$KH"
  {
    for ((i = 1; i <= n; i++)); do printf 'Host %s\n  HostName %s\n' "$(hname "$i")" "$(hip "$i")"; done
    printf 'Host %s-h* %s.*\n' "$GTB_PREFIX" "$GTB_NET"
    printf '  User root\n  IdentityFile %s\n  IdentitiesOnly yes\n' "$KEY"
    printf '  UserKnownHostsFile %s\n  GlobalKnownHostsFile /dev/null\n' "$KH"
    printf '  StrictHostKeyChecking yes\n  BatchMode yes\n  ConnectTimeout 5\n  LogLevel ERROR\n'
  } >"$SSHDIR/config"
  {
    echo "GTB_STATE=$S"; echo "GTB_SSH_KEY=$KEY"; echo "GTB_SSH_KNOWN_HOSTS=$KH"
    echo "GTB_SSH_CONFIG=$SSHDIR/config"; echo "GTB_NHOSTS=$n"
    for ((i = 1; i <= n; i++)); do
      echo "GTB_H${i}_NAME=$(hname "$i")"; echo "GTB_H${i}_IP=$(hip "$i")"
      echo "GTB_H${i}_DISKS=\"$(cat "$(hdir "$i")"/disks/disk*.dev | tr '\n' ' ' | sed 's/ $//')\""
    done
  } >"$S/hosts.env"
  {
    printf '{"clusters":[{"nodes":['
    for ((i = 1; i <= n; i++)); do
      (( i > 1 )) && printf ','
      printf '{"node":{"hostnames":{"manage":["%s"],"storage":["%s"]},"zone":%d},"devices":[' \
        "$(hip "$i")" "$(hip "$i")" "$i"
      sep=
      for k in "$(hdir "$i")"/disks/disk*.dev; do printf '%s"%s"' "$sep" "$(cat "$k")"; sep=,; done
      printf ']}'
    done
    printf ']}]}\n'
  } >"$S/topology.json"
}

cmd_up() {
  local t0 t1 t2 t3 i n ids u
  t0=$(now)
  mkdir -p "$S"
  n=$GTB_HOSTS
  for i in $(host_indices); do (( i > n )) && { log "note: host $i from an earlier up is still present"; n=$i; }; done
  ensure_ssh_keys
  write_hosts_file "$n"
  ensure_bridge
  for ((i = 1; i <= n; i++)); do
    log "host $i: $(hname "$i") $(hip "$i")"
    ensure_net "$i"; ensure_disks "$i"; ensure_mntns "$i"
  done
  t1=$(now)
  # glusterd's parent blocks until the daemon finished initialising (~1.5 s),
  # so start the hosts' daemons in parallel
  local jobs=()
  for ((i = 1; i <= n; i++)); do
    { ensure_sshd "$i"; ensure_glusterd "$i"; } & jobs+=("$!")
  done
  for i in "${jobs[@]}"; do wait "$i" || die "starting daemons failed"; done
  write_client_files "$n"
  t2=$(now)
  for ((i = 1; i <= n; i++)); do          # wait until really usable
    wait_for "$GTB_TIMEOUT" hexec "$i" timeout 10 gluster --mode=script pool list \
      || die "glusterd on $(hname "$i") not answering (see $(hdir "$i")/root/var-log-glusterfs/glusterd.log)"
    wait_for "$GTB_TIMEOUT" hssh "$i" true \
      || die "ssh to $(hname "$i") failed (see $(hdir "$i")/sshd.log)"
  done
  t3=$(now)
  ids=$(for ((i = 1; i <= n; i++)); do
          sed -n 's/^UUID=//p' "$(hdir "$i")/root/var-lib-glusterd/glusterd.info"; done)
  u=$(sort <<<"$ids" | uniq -d)
  [[ -z $u ]] || die "duplicate glusterd UUID(s): $u (pitfall 1)"
  log "up: $n host(s) ready in $(dt "$t0" "$(now)") s (net+disks+ns $(dt "$t0" "$t1"), daemons $(dt "$t1" "$t2"), wait ready $(dt "$t2" "$t3"))  env: $S/hosts.env"
}

# ----------------------------------------------------------------- down -----
cmd_down() {
  local t0 i first="" v mp src pids d
  t0=$(now)
  [[ -d $S ]] || mkdir -p "$S"
  # 1. unmount fuse clients (root ns) of testbed volumes
  while read -r mp src; do
    mp=$(printf '%b' "$mp")
    log "umount fuse $src on $mp"
    timeout 30 umount "$mp" 2>/dev/null || umount -l "$mp" || true
  done < <(findmnt -rn -t fuse.glusterfs -o TARGET,SOURCE |
           awk -v net="$GTB_NET." -v pre="$GTB_PREFIX-h" 'index($2,net)==1 || index($2,pre)==1')
  # 2. stop started volumes gracefully through the first live glusterd
  for i in $(host_indices); do
    [[ -n $(mntns_id "$i") ]] && host_pidfile_pid "$i" "$(hdir "$i")/root/run/glusterd.pid" >/dev/null \
      && { first=$i; break; }
  done
  if [[ -n $first ]]; then
    for v in $(hexec "$first" timeout 20 gluster --mode=script volume list 2>/dev/null | grep -v '^No volumes' || true); do
      if hexec "$first" timeout 20 gluster --mode=script volume info "$v" 2>/dev/null | grep -q '^Status: Started'; then
        log "volume stop $v"
        hexec "$first" timeout 60 gluster --mode=script volume stop "$v" force >/dev/null 2>&1 || log "  (stop $v failed, continuing)"
      fi
    done
  fi
  # 3. kill every process living in a host's namespaces, by PID
  local killed=()
  for i in $(host_indices); do
    mapfile -t pids < <(host_pids "$i")
    (( ${#pids[@]} )) && log "host $i: kill ${pids[*]}"
    kill_pids "${pids[@]}"
    killed+=("${pids[@]}")
  done
  # 4. unmount brick filesystems inside each host, drop its namespaces
  for i in $(host_indices); do
    if [[ -n $(mntns_id "$i") ]]; then
      while read -r mp; do
        [[ -n $mp ]] || continue
        mp=$(printf '%b' "$mp")
        nsenter --mount="$NSDIR/h$i.mnt" umount "$mp" 2>/dev/null \
          || { log "  lazy umount $mp"; nsenter --mount="$NSDIR/h$i.mnt" umount -l "$mp" || true; }
      done < <(nsenter --mount="$NSDIR/h$i.mnt" findmnt -rn -o TARGET |
               awk -v r="$GTB_BRICK_ROOT/" 'index($0,r)==1' | sort -r)
    fi
    umount "$NSDIR/h$i.mnt" 2>/dev/null || true
    umount "$NSDIR/h$i.uts" 2>/dev/null || true
    rm -f "$NSDIR/h$i.mnt" "$NSDIR/h$i.uts"
    ip link del "$(hveth "$i")" 2>/dev/null || true
    [[ -e /run/netns/$(hname "$i") ]] && ip netns del "$(hname "$i")"
  done
  ip link show dev "$GTB_BRIDGE" >/dev/null 2>&1 && ip link del "$GTB_BRIDGE"
  # 5. detach loop devices whose backing file is in the state dir
  while read -r d; do
    [[ -n $d ]] || continue
    log "losetup -d $d"; losetup -d "$d" || true
  done < <(losetup -n -l -O NAME,BACK-FILE | awk -v s="$S/" 'index($2,s)==1{print $1}')
  # 6. remove state (keep ssh keys), the private ns dir, created mount point
  if mountpoint -q "$NSDIR"; then umount "$NSDIR"; fi
  rm -rf "${NSDIR:?}" "${S:?}"/h[0-9]* "${S:?}/hosts" "${S:?}/hosts.env" "${S:?}/topology.json" "${S:?}/mnt"
  if [[ -f $S/created-brick-root ]]; then
    rmdir "$(cat "$S/created-brick-root")" 2>/dev/null || true
    rm -f "$S/created-brick-root"
  fi
  # killed daemons are orphans of PID 1; wait (<=5 s) until it reaped them so
  # a harness checking "no gluster processes" right after `down` sees none
  for i in $(seq 25); do
    pids=(); for d in "${killed[@]}"; do [[ -e /proc/$d ]] && pids+=("$d"); done
    (( ${#pids[@]} )) || break
    sleep 0.2
  done
  (( ${#pids[@]} == 0 )) || log "note: not yet reaped by init: ${pids[*]}"
  log "down: done in $(dt "$t0" "$(now)") s"
}

cmd_purge() { cmd_down; rm -rf "${S:?}" "${S:?}.lock"; log "purged $S"; }

# --------------------------------------------------------------- status -----
cmd_status() {
  local i rc=0 any=0 h nid mid sp gp ssh_ok uuid peers disks mnts pids escaped p
  [[ -d $S ]] || { echo "testbed down (no $S)"; return 3; }
  if bridge_ok; then echo "bridge $GTB_BRIDGE $BR_IP/24 up  state=$S"
  else echo "bridge $GTB_BRIDGE missing  state=$S"; rc=1; fi
  printf '%-8s %-13s %-5s %-5s %-8s %-8s %-4s %-9s %-5s %-6s %-4s %s\n' \
    HOST IP NETNS MNTNS SSHD GLUSTERD SSH UUID PEERS BRICKS PROC DISKS
  for i in $(host_indices); do
    any=1; h=$(hdir "$i")
    nid=$(netns_id "$i"); mid=$(mntns_id "$i")
    sp=$(host_pidfile_pid "$i" "$h/sshd.pid" 2>/dev/null) || sp=-
    gp=$(host_pidfile_pid "$i" "$h/root/run/glusterd.pid" 2>/dev/null) || gp=-
    ssh_ok=no; [[ $sp != - ]] && bridge_ok && hssh "$i" true 2>/dev/null && ssh_ok=ok
    uuid=$(sed -n 's/^UUID=//p' "$h/root/var-lib-glusterd/glusterd.info" 2>/dev/null | cut -c1-8)
    peers=-; mnts=-
    if [[ -n $mid && $gp != - ]]; then
      peers=$(hexec "$i" timeout 10 gluster --mode=script peer status 2>/dev/null | grep -c '(Connected)' || true)
      mnts=$(hexec "$i" findmnt -rn -o TARGET | grep -c "^$GTB_BRICK_ROOT/" || true)
    fi
    disks=$(for d in "$h"/disks/disk*.dev; do [[ -f $d ]] && printf '%s ' "$(cat "$d")"; done)
    # escape check (pitfall 5): every process of the netns must be in the mntns
    escaped=0; pids=0
    for p in $(host_pids "$i"); do
      pids=$((pids + 1))
      [[ $(stat -L -c '%d:%i' "/proc/$p/ns/mnt" 2>/dev/null) == "$mid" && \
         $(stat -L -c '%d:%i' "/proc/$p/ns/net" 2>/dev/null) == "$nid" ]] || escaped=$((escaped + 1))
    done
    printf '%-8s %-13s %-5s %-5s %-8s %-8s %-4s %-9s %-5s %-6s %-4s %s\n' \
      "$(hname "$i")" "$(hip "$i")" "$([[ -n $nid ]] && echo ok || echo no)" \
      "$([[ -n $mid ]] && echo ok || echo no)" "$sp" "$gp" "$ssh_ok" "${uuid:--}" \
      "$peers" "$mnts" "$pids$( ((escaped)) && echo "!$escaped")" "${disks:--}"
    [[ -n $nid && -n $mid && $sp != - && $gp != - && $ssh_ok == ok && $escaped == 0 ]] || rc=1
  done
  (( any )) || { echo "testbed down (no hosts)"; return 3; }
  return "$rc"
}

# ----------------------------------------------------------------- demo -----
peers_connected() {          # peers_connected I N: host I sees N connected peers
  [[ $(hssh "$1" gluster --mode=script peer status | grep -c 'Peer in Cluster (Connected)') == "$2" ]]
}
brick_online() {             # brick_online I VOL HOST:PATH (asked via host I)
  hssh "$1" gluster --mode=script volume status "$2" "$3" detail | grep -q '^Online.*: Y'
}

# Replica-3 walkthrough, driven from the root namespace over ssh only.
cmd_demo() {
  local vol=$GTB_DEMO_VOL mp bricks=() i t a b force=no mnt ip1 ip2 ip3 out n dev
  [[ -f $S/hosts.env ]] || die "testbed not up"
  cmd_status >/dev/null || die "testbed not healthy; run: $0 status"
  ip1=$(hip 1); ip2=$(hip 2); ip3=$(hip 3)
  mp=$GTB_BRICK_ROOT/mounts/vg_demo/brick_$vol        # Heketi-like layout
  mnt=$S/mnt/$vol
  # 0. make the demo re-runnable
  mountpoint -q "$mnt" 2>/dev/null && umount "$mnt"
  if hssh 1 gluster --mode=script volume info "$vol" >/dev/null 2>&1; then
    log "demo: removing old volume $vol"
    hssh 1 gluster --mode=script volume stop "$vol" force >/dev/null 2>&1 || true
    hssh 1 gluster --mode=script volume delete "$vol" >/dev/null
  fi
  # 1. trusted pool
  t=$(now)
  for i in 2 3; do hssh 1 gluster --mode=script peer probe "$(hip "$i")"; done
  for i in 1 2 3; do
    wait_for "$GTB_TIMEOUT" peers_connected "$i" 2 || die "peers not connected on host $i"
  done
  log "TIMING peer probe x2 until all connected: $(dt "$t" "$(now)") s"
  hssh 1 gluster --mode=script pool list
  # 2. one XFS brick per host on its first loop disk
  for i in 1 2 3; do
    dev=$(cat "$(hdir "$i")/disks/disk1.dev")
    hssh "$i" "set -e; if mountpoint -q $mp; then umount $mp; fi
      mkfs.xfs -f -q -i size=512 $dev; mkdir -p $mp
      mount -o rw,inode64,noatime $dev $mp; mkdir -p $mp/brick; echo \$(hostname): $dev on $mp"
    bricks+=("$(hip "$i"):$mp/brick")
  done
  # 3. create (without force first) + start
  t=$(now)
  if ! out=$(hssh 1 gluster --mode=script volume create "$vol" replica 3 "${bricks[@]}" 2>&1); then
    log "create without force failed: $out"; force=yes
    out=$(hssh 1 gluster --mode=script volume create "$vol" replica 3 "${bricks[@]}" force 2>&1)
  fi
  a=$(now); echo "$out"
  hssh 1 gluster --mode=script volume start "$vol"; b=$(now)
  log "TIMING volume create: $(dt "$t" "$a") s (force needed: $force); volume start: $(dt "$a" "$b") s"
  hssh 1 gluster --mode=script volume status "$vol"
  # 4. fuse mount in the root namespace, write + read
  mkdir -p "$mnt"; t=$(now)
  close_fds mount -t glusterfs -o "backup-volfile-servers=$ip2:$ip3,log-file=$S/mnt/$vol-client.log" "$ip1:/$vol" "$mnt" </dev/null
  log "TIMING fuse mount: $(dt "$t" "$(now)") s"
  findmnt "$mnt"
  head -c 8M /dev/urandom >"$S/mnt/f1.src"
  cp "$S/mnt/f1.src" "$mnt/f1"; sync
  cmp "$S/mnt/f1.src" "$mnt/f1" && log "write+read f1 (8 MiB) through fuse: OK"
  for i in 1 2 3; do hssh "$i" "echo \$(hostname): \$(md5sum < $mp/brick/f1)"; done
  md5sum <"$S/mnt/f1.src"
  # 5. fail host 2: kill glusterd, its brick and its self-heal daemon BY PID FILE
  log "demo: stopping glusterd + brick + shd on $(hname 2)"
  hssh 2 "p=\"\$(cat /run/glusterd.pid /run/gluster/vols/$vol/*.pid /run/gluster/shd/$vol/*.pid 2>/dev/null)\";
          echo killing: \$p; kill \$p; for n in \$(seq 50); do kill -0 \$p 2>/dev/null || exit 0; sleep 0.2; done; exit 1"
  hssh 1 gluster --mode=script volume status "$vol" | grep -E "^Brick|^Self-heal" || true
  head -c 4M /dev/urandom >"$S/mnt/f2.src"
  cp "$S/mnt/f2.src" "$mnt/f2"; echo "appended while h2 down" >>"$mnt/f1"; sync
  cat "$S/mnt/f1.src" >"$S/mnt/f1.exp"; echo "appended while h2 down" >>"$S/mnt/f1.exp"
  cmp "$mnt/f1" "$S/mnt/f1.exp" && cmp "$mnt/f2" "$S/mnt/f2.src" \
    && log "with $(hname 2) down: write f2 + append f1 + read back through fuse: OK"
  hssh 1 gluster --mode=script volume heal "$vol" info | grep -E '^Brick|^Status|^Number' || true
  # 6. restart host 2, wait for brick online and heal to finish
  t=$(now)
  hssh 2 "glusterd -p /run/glusterd.pid </dev/null >/dev/null 2>&1"
  wait_for "$GTB_TIMEOUT" brick_online 1 "$vol" "$ip2:$mp/brick" \
    || die "brick on host 2 did not come back"
  a=$(now); log "TIMING glusterd restart -> brick online: $(dt "$t" "$a") s"
  hssh 1 gluster --mode=script volume heal "$vol" >/dev/null 2>&1 || true
  n=$((SECONDS + 120))
  until out=$(hssh 1 gluster --mode=script volume heal "$vol" info 2>&1) &&
        [[ $(grep -c '^Status: Connected' <<<"$out") == 3 ]] &&
        ! grep '^Number of entries:' <<<"$out" | grep -vq ': 0$'; do
    (( SECONDS < n )) || { echo "$out"; die "heal did not complete"; }
    sleep 1
  done
  log "TIMING brick online -> heal info all zero: $(dt "$a" "$(now)") s"
  echo "$out"
  hssh 2 "echo \$(hostname) brick: f1 \$(md5sum < $mp/brick/f1) f2 \$(md5sum < $mp/brick/f2)"
  echo "expected:   f1 $(md5sum <"$S/mnt/f1.exp") f2 $(md5sum <"$S/mnt/f2.src")"
  log "demo: OK (volume $vol stays mounted on $mnt; '$0 down' tears everything down)"
}

# ----------------------------------------------------------------- main -----
usage() { sed -n '2,/^# Parameters/p' "$0" | sed 's/^# \{0,1\}//'; }

main() {
  local cmd=${1:-}; shift || true
  case $cmd in
    up|down|purge) validate; with_lock "$cmd" "$@"; "cmd_$cmd" ;;
    status|demo) validate; "cmd_$cmd" ;;
    ssh)  validate; [[ $# -ge 1 ]] || die "usage: $0 ssh I CMD..."; hssh "$@" ;;
    exec) validate; [[ $# -ge 2 ]] || die "usage: $0 exec I CMD..."; hexec "$@" ;;
    -h|--help|help|'') usage ;;
    *) die "unknown command '$cmd' (up|down|purge|status|ssh|exec|demo)" ;;
  esac
}
main "$@"
