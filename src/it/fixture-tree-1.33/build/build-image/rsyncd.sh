#!/usr/bin/env bash
# rsync daemon of the example tree's build image: serves $HOME as module k8s to the container's own subnet.
set -euo pipefail

conf_dir=/tmp/example-rsyncd
mkdir -p "${conf_dir}" && chmod 700 "${conf_dir}"
subnet="$(ip -o -f inet route show scope link | awk 'NR == 1 {print $1}')"
echo "k8s:$(< /rsyncd.password)" > "${conf_dir}/secrets" && chmod 600 "${conf_dir}/secrets"
cat > "${conf_dir}/rsyncd.conf" <<CONF
pid file = ${conf_dir}/pid
use chroot = no
reverse lookup = no
port = 8730
log file = /dev/stdout
[k8s]
path = ${HOME}
read only = false
numeric ids = true
auth users = k8s
secrets file = ${conf_dir}/secrets
hosts deny = *
hosts allow = ${subnet} ${ALLOW_HOST:-}
filter = - /.make/ - /_tmp/
CONF
if (( EUID == 0 )); then
  printf 'uid = 0\ngid = 0\n' >> "${conf_dir}/rsyncd.conf"
fi
rm -f "${conf_dir}/pid"
exec rsync --no-detach --daemon --config="${conf_dir}/rsyncd.conf" "$@"
