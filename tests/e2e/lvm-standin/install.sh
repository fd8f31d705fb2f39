#!/usr/bin/env bash
# Installs the TEST-ONLY LVM stand-in (see README.md) into running hosts of
# the GlusterFS testbed, inside each host's own mount namespace; the root
# namespace is not changed.
#
# Usage (root): install.sh [I...]    default: every host of $GTB_STATE/hosts.env
# Environment: the GTB_* variables of ../gluster-testbed.sh (GTB_STATE above
# all). Idempotent: an installed host is left as it is.
#
# In host I this mounts
#   /usr/sbin  read-only overlay: lvm + lvcreate, lvs, ... (LVM's own names)
#   /usr/bin   read-only overlay: udevadm, systemctl stand-ins
#   /dev       copy-on-write overlay (upper dir $GTB_STATE/hI/lvm-standin/dev),
#              where the stand-in creates /dev/mapper/*, /dev/<vg>/* and
#              /dev/disk/by-id/lvm-pv-uuid-* like device-mapper and udev would
# and writes /etc/lvm/lvm-standin.conf (the host's /etc is private): its state
# dir $GTB_STATE/hI/lvm-standin (state.json, commands.log, LV images) and its
# disks. `gluster-testbed.sh down` removes all of it with the host.
set -Eeuo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
testbed=$here/../gluster-testbed.sh
S=${GTB_STATE:-/tmp/gluster-testbed}
S=${S%/}
die() { echo "lvm-standin install: $*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || die "must run as root"
[[ -f $S/hosts.env ]] || die "testbed not up ($S/hosts.env missing)"
[[ $S != *[:,]* ]] || die "GTB_STATE must not contain ':' or ',' (overlayfs option syntax)"
# shellcheck source=/dev/null
source "$S/hosts.env"

# one shared runtime copy, outside the repo so a host never runs a half-edited file
rt=$S/lvm-standin
install -d "$rt/sbin" "$rt/bin"
copy() { cmp -s "$1" "$2" || install -m 0755 "$1" "$2"; }
copy "$here/lvm.py" "$rt/lvm.py"
copy "$here/udevadm" "$rt/bin/udevadm"
copy "$here/systemctl" "$rt/bin/systemctl"
[[ -L $rt/sbin/lvm ]] || ln -s "$rt/lvm.py" "$rt/sbin/lvm"
for c in pvcreate pvremove pvs vgcreate vgremove vgs vgdisplay \
         lvcreate lvremove lvs lvchange lvextend; do
  [[ -L $rt/sbin/$c ]] || ln -s lvm "$rt/sbin/$c"
done

# shellcheck disable=SC2016
IN_HOST='
set -Eeuo pipefail
if mountpoint -q /usr/sbin && [[ -f /etc/lvm/lvm-standin.conf ]]; then exit 0; fi
mkdir -p /etc/lvm
printf "{\"state\": \"%s\", \"disks\": [%s]}\n" "$H" \
  "$(printf "\"%s\"," $DISKS | sed "s/,$//")" >/etc/lvm/lvm-standin.conf
mountpoint -q /usr/sbin || mount -t overlay lvm-standin -o "lowerdir=$RT/sbin:/usr/sbin" /usr/sbin
mountpoint -q /usr/bin || mount -t overlay lvm-standin -o "lowerdir=$RT/bin:/usr/bin" /usr/bin
if [[ $(findmnt -rn -o FSTYPE --mountpoint /dev | tail -n1) != overlay ]]; then
  stage=/run/lvm-standin-dev
  mkdir -p "$stage"
  mount -t overlay lvm-standin -o "lowerdir=/dev,upperdir=$H/dev,workdir=$H/dev-work" "$stage"
  findmnt -rn -o TARGET | grep "^/dev/" | sort -u | while read -r m; do
    mount --bind "$m" "$stage${m#/dev}"           # /dev/pts, /dev/shm, ...
  done
  mount --move "$stage" /dev
fi
'

hosts=("$@")
if (( ${#hosts[@]} == 0 )); then mapfile -t hosts < <(seq 1 "$GTB_NHOSTS"); fi
for i in "${hosts[@]}"; do
  var=GTB_H${i}_DISKS
  [[ -n ${!var:-} ]] || die "no host $i in $S/hosts.env"
  h=$S/h$i/lvm-standin
  install -d -m 0700 "$h" "$h/dev" "$h/dev-work"
  "$testbed" exec "$i" env RT="$rt" H="$h" DISKS="${!var}" bash -c "$IN_HOST"
  out=$("$testbed" exec "$i" lvm version) || die "host $i: lvm stand-in does not run"
  [[ $out == *TEST-ONLY* ]] || die "host $i: /usr/sbin/lvm is not the stand-in"
done
echo "lvm-standin: installed on host(s) ${hosts[*]}"
