#!/usr/bin/env bash
# The rsync daemon of one run, in the rsync container. Its password arrives beside this script for this run only.
# With "port", the daemon listens on the container's port and admits the network's gateway alone, which is where the
# published port's connections come from. With "api", the script writes the daemon's configuration and waits: each
# transfer runs "stdio", its own "rsync --server --daemon", through an attached exec, with the Engine API connection
# as its only path.
#
# Either way a few connections at a time, and a connection that has not given the password within the seconds of the
# second argument is ended: rsync counts a connection against "max connections" before it asks for the
# password, and its "timeout" only starts once it has it, so a client that connects and stays silent would keep its
# place for as long as it liked. A daemon process that has the password works in the served folder; one that is still
# waiting for it is where it started, at /, and that tells them apart. Where rsync runs through a loader of its own
# (an image that adds this machine's rsync names it in KUBE_MVN_RSYNC_PROCESS), its processes show that loader.
set -o errexit -o nounset -o pipefail

transport="${1:-port}"
state_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
served_dir="${HOME:-/go/src/k8s.io/kubernetes}"
admission_seconds="${2:-10}"
io_timeout_seconds=300
most_connections=4

if [[ ! "${transport}" =~ ^(port|api|stdio)$ ]]; then
  echo "rsyncd: no such transport: ${transport}" >&2
  exit 2
fi

if [[ "${transport}" == "stdio" ]]; then
  cd /
  exec rsync --server --daemon --config="${state_dir}/rsyncd.conf" .
fi

umask 077
printf 'k8s:%s\n' "$(cat "${state_dir}/password")" > "${state_dir}/secrets"
rm -f "${state_dir}/password"

settings() {
  printf 'use chroot = no\nreverse lookup = no\nmunge symlinks = no\n'
  printf 'timeout = %d\nmax connections = %d\nlock file = %s/lock\n' "${io_timeout_seconds}" "${most_connections}" "${state_dir}"
}

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

# Ends every rsync process but the listener ($1) that has been outside the served folder for admission_seconds.
end_unadmitted() {
  local listener="$1" rsync_binary served process pid cwd now
  rsync_binary="$(readlink -f "${KUBE_MVN_RSYNC_PROCESS:-$(command -v rsync)}")"
  served="$(cd "${served_dir}" && pwd -P)"
  local -A first_seen=() present=()
  while sleep 1; do
    now="${SECONDS}"
    present=()
    for process in /proc/[0-9]*; do
      pid="${process#/proc/}"
      if [[ "${pid}" == "${listener}" || "$(readlink "${process}/exe" 2>/dev/null)" != "${rsync_binary}" ]]; then
        continue
      fi
      cwd="$(readlink "${process}/cwd" 2>/dev/null)" || continue
      if [[ "${cwd}" == "${served}" || "${cwd}" == "${served}/"* ]]; then
        continue
      fi
      present[${pid}]=1
      first_seen[${pid}]="${first_seen[${pid}]:-${now}}"
      if (( now - first_seen[${pid}] >= admission_seconds )); then
        kill -KILL "${pid}" 2>/dev/null || true
      fi
    done
    for pid in "${!first_seen[@]}"; do
      [[ -n "${present[${pid}]:-}" ]] || unset "first_seen[${pid}]"
    done
  done
}

if [[ "${transport}" == "api" ]]; then
  {
    settings
    printf 'log file = %s/rsyncd.log\n' "${state_dir}"
    module
  } > "${state_dir}/rsyncd.conf"
  end_unadmitted none
fi

gateway_hex="$(awk '$2 == "00000000" && $3 != "00000000" {print $3; exit}' /proc/net/route)"
if [[ -z "${gateway_hex}" ]]; then
  echo "rsyncd: the container has no default route, so the gateway to admit is unknown" >&2
  exit 1
fi
gateway="$(printf '%d.%d.%d.%d' "0x${gateway_hex:6:2}" "0x${gateway_hex:4:2}" "0x${gateway_hex:2:2}" "0x${gateway_hex:0:2}")"

{
  settings
  printf 'pid file = %s/pid\nlog file = /dev/stdout\nport = 8730\n' "${state_dir}"
  module
  printf '  hosts deny = *\n  hosts allow = %s\n' "${gateway}"
} > "${state_dir}/rsyncd.conf"

cd /
end_unadmitted "$$" </dev/null >/dev/null 2>&1 &
exec rsync --no-detach --daemon --config="${state_dir}/rsyncd.conf"
