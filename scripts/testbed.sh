#!/usr/bin/env bash
# The GlusterFS testbed of tests/e2e (three hosts in network namespaces on
# this machine, 198.18.0.0/24) with the TEST-ONLY LVM stand-in installed in
# every host. Used by `make testbed-up`, `make testbed-down` and the demo.
#
# Usage (root): scripts/testbed.sh up|down|status|purge
# Environment: GTB_* of tests/e2e/gluster-testbed.sh (GTB_STATE: state dir,
# default /tmp/gluster-testbed; GTB_HOSTS: 3).
set -Eeuo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
testbed=$repo/tests/e2e/gluster-testbed.sh
standin=$repo/tests/e2e/lvm-standin/install.sh
export GTB_DISK_SIZE=${GTB_DISK_SIZE:-16G}      # sparse: costs only what is written

case ${1:-} in
  up)
    t0=$SECONDS
    "$testbed" up
    "$standin"
    "$testbed" status
    echo "testbed: up with the LVM stand-in in $((SECONDS - t0)) s;" \
         "state ${GTB_STATE:-/tmp/gluster-testbed}"
    ;;
  down|purge|status) "$testbed" "$1" ;;
  *) echo "usage: $0 up|down|status|purge" >&2; exit 2 ;;
esac
