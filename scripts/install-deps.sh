#!/usr/bin/env bash
# Installs the Debian packages Brickyard builds and tests with. Idempotent;
# does nothing when every package is already installed. Needs root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev libssl-dev
  libspdlog-dev libfmt-dev libcli11-dev libssh-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 curl python3 openssl
  openssh-server openssh-client
  glusterfs-server glusterfs-client xfsprogs iproute2 util-linux procps fuse3
  clang-14 libclang-rt-14-dev
  sudo
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
