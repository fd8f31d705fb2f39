#!/usr/bin/env bash
# The replica-3 walkthrough of `make demo` WITHOUT Brickyard: the on-node
# command lines that Brickyard's SSH executor runs (peer probe, device setup,
# brick create, volume create; docs of the provisioning contract §3.2-3.5),
# typed by hand over ssh against the testbed and its TEST-ONLY LVM stand-in.
# It proves the testbed end to end: real LVM command lines (stand-in), real
# XFS, fstab, glusterd, FUSE client. Then it undoes everything the same way
# (brick destroy, device teardown) and checks that nothing is left.
#
# Usage (root): scripts/demo-manual.sh [--keep]
#   --keep  leave the volume mounted (remove it with `make demo-down`)
set -Eeuo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
testbed=$repo/tests/e2e/gluster-testbed.sh
keep=no; [[ ${1:-} == --keep ]] && keep=yes
G="gluster --mode=script --timeout=600"
LVM=/usr/sbin/lvm
OPTS=rw,inode64,noatime,nouuid
t_start=$SECONDS

step() { printf '\n=== %s\n' "$*"; }
on() {                           # on I CMD: run CMD on host I over ssh, echoed
  local i=$1; shift
  printf '[h%s]$ %s\n' "$i" "$*" >&2
  "$testbed" ssh "$i" "$*"
}
id32() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

step "testbed (3 hosts + LVM stand-in)"
"$repo/scripts/testbed.sh" up
S=${GTB_STATE:-/tmp/gluster-testbed}
# shellcheck source=/dev/null
source "$S/hosts.env"
ip=("" "$GTB_H1_IP" "$GTB_H2_IP" "$GTB_H3_IP")
disk=("" "${GTB_H1_DISKS%% *}" "${GTB_H2_DISKS%% *}" "${GTB_H3_DISKS%% *}")

step "glusterd check + peer probe (§3.1, §3.2)"
for i in 1 2 3; do on "$i" "systemctl status glusterd" >/dev/null && echo "h$i: glusterd ok"; done
for i in 2 3; do on 1 "$G peer probe ${ip[$i]}"; done
for n in $(seq 100); do
  [[ $(on 1 "$G pool list" 2>/dev/null | grep -c Connected) == 3 ]] && break
  sleep 0.3
done
on 1 "$G pool list"

step "device setup (§3.3) on each host"
declare -a dev_id
for i in 1 2 3; do
  dev_id[i]=$(id32)
  on "$i" "$LVM pvcreate -qq --metadatasize=128M --dataalignment=256K '${disk[i]}' && $LVM vgcreate -qq --physicalextentsize=4M --autobackup=n vg_${dev_id[i]} ${disk[i]}"
  on "$i" "$LVM pvs -o pv_name,pv_uuid,vg_name --reportformat=json ${disk[i]}" | tr -d '\n ' ; echo
  on "$i" "udevadm info --query=symlink --name=${disk[i]}" || true
  on "$i" "$LVM vgdisplay -c vg_${dev_id[i]}" |
    awk -F: '{printf "  PE %s KiB, total %s, allocated %s, free %s extents\n", $13, $14, $15, $16}'
done

step "brick create (§3.4), 1 GiB each"
vol_id=$(id32); vol=vol_$vol_id
declare -a brick_id mnt
bricks=()
for i in 1 2 3; do
  brick_id[i]=$(id32)
  mnt[i]=/var/lib/heketi/mounts/vg_${dev_id[i]}/brick_${brick_id[i]}
  dev=/dev/mapper/vg_${dev_id[i]}-brick_${brick_id[i]}
  on "$i" "mkdir -p ${mnt[i]} &&
    $LVM lvcreate -qq --autobackup=n --poolmetadatasize 5244K --chunksize 256K --size 1048576K --thin vg_${dev_id[i]}/tp_${brick_id[i]} --virtualsize 1048576K --name brick_${brick_id[i]} &&
    mkfs.xfs -i size=512 -n size=8192 $dev >/dev/null &&
    awk \"BEGIN {print \\\"$dev ${mnt[i]} xfs $OPTS 1 2\\\" >> \\\"/etc/fstab\\\"}\" &&
    mount -o $OPTS $dev ${mnt[i]} &&
    mkdir ${mnt[i]}/brick"
  bricks+=("${ip[i]}:${mnt[i]}/brick")
done

step "volume create (§3.5): replica 3"
on 1 "$G volume create $vol replica 3 ${bricks[*]} "
on 1 "$G volume set $vol user.heketi.id $vol_id"
on 1 "$G volume start $vol"
on 1 "$G volume info $vol" | sed -n '1,/^Options/p'

step "FUSE mount in the root namespace, write + read"
mp=$S/mnt/$vol
mkdir -p "$mp"
mount -t glusterfs -o "backup-volfile-servers=${ip[2]}:${ip[3]},log-file=$S/mnt/$vol.log" \
  "${ip[1]}:$vol" "$mp" </dev/null
findmnt "$mp"
head -c 4M /dev/urandom >"$S/mnt/$vol.src"
cp "$S/mnt/$vol.src" "$mp/hello"
sync
cmp "$S/mnt/$vol.src" "$mp/hello" && echo "write + read 4 MiB through FUSE: OK"
for i in 1 2 3; do on "$i" "md5sum < ${mnt[i]}/brick/hello"; done
df -h "$mp"
if [[ $keep == yes ]]; then
  echo "kept: $vol mounted on $mp ($((SECONDS - t_start)) s)"; exit 0
fi

step "volume delete, brick destroy (§3.4), device teardown (§3.3)"
umount "$mp"
on 1 "$G volume stop $vol force"
on 1 "$G volume delete $vol"
for i in 1 2 3; do
  on "$i" "umount ${mnt[i]}"
  on "$i" "sed -i.save \"/brick_${brick_id[i]}/d\" /etc/fstab"
  on "$i" "$LVM lvremove --autobackup=n -f vg_${dev_id[i]}/brick_${brick_id[i]}"
  n=$(on "$i" "$LVM lvs --noheadings --options=thin_count vg_${dev_id[i]}/tp_${brick_id[i]}" | tr -d ' ')
  [[ $n == 0 ]] && on "$i" "$LVM lvremove --autobackup=n -f vg_${dev_id[i]}/tp_${brick_id[i]}"
  on "$i" "rmdir ${mnt[i]}"
  uuid=$(on "$i" "$LVM pvs --noheadings -o pv_uuid ${disk[i]}" | tr -d ' ')
  on "$i" "$LVM vgremove -qq vg_${dev_id[i]} && $LVM pvremove -qq '/dev/disk/by-id/lvm-pv-uuid-$uuid'"
  on "$i" "rmdir /var/lib/heketi/mounts/vg_${dev_id[i]}"
done

step "nothing left behind"
for i in 1 2 3; do
  left=$(on "$i" "$LVM lvs --noheadings; $LVM vgs --noheadings; grep -c heketi /etc/fstab;
                  findmnt -rn -o TARGET | grep -c ^/var/lib/heketi/; ls /var/lib/heketi/mounts;
                  $G volume list 2>&1" 2>/dev/null | tr '\n' ' ')
  echo "h$i: $left"
  [[ $left == "0 0 No volumes present in cluster " ]] || { echo "h$i: LEFTOVERS" >&2; exit 1; }
done
grep -q heketi /etc/fstab && { echo "root /etc/fstab was modified" >&2; exit 1; }
echo "demo-manual: OK in $((SECONDS - t_start)) s"
