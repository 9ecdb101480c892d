#!/usr/bin/env bash
# The rsync daemon of one run, started in the rsync container. Its password arrives beside this script for this
# run only; the daemon admits the network's gateway alone, which is where the published port's connections come
# from, and one connection at a time.
set -o errexit -o nounset -o pipefail

state_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
served_dir="${HOME:-/go/src/k8s.io/kubernetes}"

gateway_hex="$(awk '$2 == "00000000" && $3 != "00000000" {print $3; exit}' /proc/net/route)"
if [[ -z "${gateway_hex}" ]]; then
  echo "rsyncd: the container has no default route, so the gateway to admit is unknown" >&2
  exit 1
fi
gateway="$(printf '%d.%d.%d.%d' "0x${gateway_hex:6:2}" "0x${gateway_hex:4:2}" "0x${gateway_hex:2:2}" "0x${gateway_hex:0:2}")"

umask 077
printf 'k8s:%s\n' "$(cat "${state_dir}/password")" > "${state_dir}/secrets"
rm -f "${state_dir}/password"

cat > "${state_dir}/rsyncd.conf" <<CONF
pid file = ${state_dir}/pid
lock file = ${state_dir}/lock
use chroot = no
log file = /dev/stdout
reverse lookup = no
munge symlinks = no
port = 8730
[k8s]
  path = ${served_dir}
  read only = false
  numeric ids = true
  auth users = k8s
  secrets file = ${state_dir}/secrets
  max connections = 1
  hosts deny = *
  hosts allow = ${gateway}
  filter = - /.make/ - /_tmp/
CONF
if [[ "$(id -u)" == "0" ]]; then
  printf '  uid = 0\n  gid = 0\n' >> "${state_dir}/rsyncd.conf"
fi

exec rsync --no-detach --daemon --config="${state_dir}/rsyncd.conf"
