#!/usr/bin/env bash
# Installs the Debian packages the GlusterFS testbed needs (tests/e2e/
# gluster-testbed.sh, `make demo`, the e2e test binary): GlusterFS server and
# FUSE client, XFS tools, an sshd for each emulated host, namespaces and loop
# devices. Idempotent; does nothing when every package is already installed.
# Needs root. Not part of `make test`'s dependencies: the e2e tests skip with a
# clear reason when these are missing.
set -euo pipefail

packages=(
  glusterfs-server glusterfs-client
  xfsprogs
  openssh-server openssh-client
  iproute2 util-linux procps kmod
  fuse3 python3 psmisc
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
