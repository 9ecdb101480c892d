#!/usr/bin/env bash
# Serves the build volume over rsync for the host, from inside the rsync container.
# Only the docker network the container sits on may connect, and only as user k8s.
set -o errexit -o nounset -o pipefail

served_dir="${HOME}"
state_dir="/tmp/kube-rsyncd"
mkdir -p "${state_dir}"
chmod 700 "${state_dir}"

bridge_device="$(ip route show default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1)}' | head -n 1)"
allowed="$(ip route show dev "${bridge_device}" scope link | awk '{print $1}' | head -n 1)"

if [[ -f "${state_dir}/pid" ]]; then
  kill "$(cat "${state_dir}/pid")" 2>/dev/null || true
  rm -f "${state_dir}/pid"
fi

printf 'k8s:%s\n' "$(cat /rsyncd.password)" > "${state_dir}/secrets"
chmod 600 "${state_dir}/secrets"

{
  echo "pid file = ${state_dir}/pid"
  echo "use chroot = no"
  echo "log file = /dev/stdout"
  echo "reverse lookup = no"
  echo "munge symlinks = no"
  echo "port = 8730"
  echo "[k8s]"
  echo "  path = ${served_dir}"
  echo "  read only = false"
  echo "  numeric ids = true"
  if [[ "$(id -u)" == "0" ]]; then
    echo "  uid = 0"
    echo "  gid = 0"
  fi
  echo "  auth users = k8s"
  echo "  secrets file = ${state_dir}/secrets"
  echo "  hosts deny = *"
  echo "  hosts allow = ${allowed} ${ALLOW_HOST:-}"
  echo "  filter = - /.make/ - /_tmp/"
} > "${state_dir}/rsyncd.conf"

exec rsync --no-detach --daemon --config="${state_dir}/rsyncd.conf" "$@"
