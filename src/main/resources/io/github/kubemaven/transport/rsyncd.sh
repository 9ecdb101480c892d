#!/usr/bin/env bash
# The rsync daemon of one run, in the rsync container. Its password arrives beside this script for this run only.
# With "port", the daemon listens on the container's port and admits the network's gateway alone, which is where the
# published port's connections come from, and one connection at a time. With "api", the script writes the daemon's
# configuration and waits: each transfer runs its own "rsync --server --daemon" through an attached exec, with the
# Engine API connection as its only path.
set -o errexit -o nounset -o pipefail

transport="${1:-port}"
state_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
served_dir="${HOME:-/go/src/k8s.io/kubernetes}"

umask 077
printf 'k8s:%s\n' "$(cat "${state_dir}/password")" > "${state_dir}/secrets"
rm -f "${state_dir}/password"

module() {
  cat <<CONF
[k8s]
  path = ${served_dir}
  read only = false
  numeric ids = true
  auth users = k8s
  secrets file = ${state_dir}/secrets
  filter = - /.make/ - /_tmp/
CONF
  if [[ "$(id -u)" == "0" ]]; then
    printf '  uid = 0\n  gid = 0\n'
  fi
}

if [[ "${transport}" == "api" ]]; then
  {
    printf 'use chroot = no\nreverse lookup = no\nmunge symlinks = no\n'
    printf 'log file = %s/rsyncd.log\n' "${state_dir}"
    module
  } > "${state_dir}/rsyncd.conf"
  exec sleep infinity
fi

gateway_hex="$(awk '$2 == "00000000" && $3 != "00000000" {print $3; exit}' /proc/net/route)"
if [[ -z "${gateway_hex}" ]]; then
  echo "rsyncd: the container has no default route, so the gateway to admit is unknown" >&2
  exit 1
fi
gateway="$(printf '%d.%d.%d.%d' "0x${gateway_hex:6:2}" "0x${gateway_hex:4:2}" "0x${gateway_hex:2:2}" "0x${gateway_hex:0:2}")"

{
  printf 'use chroot = no\nreverse lookup = no\nmunge symlinks = no\n'
  printf 'pid file = %s/pid\nlock file = %s/lock\nlog file = /dev/stdout\nport = 8730\n' "${state_dir}" "${state_dir}"
  module
  printf '  max connections = 1\n  hosts deny = *\n  hosts allow = %s\n' "${gateway}"
} > "${state_dir}/rsyncd.conf"

exec rsync --no-detach --daemon --config="${state_dir}/rsyncd.conf"
