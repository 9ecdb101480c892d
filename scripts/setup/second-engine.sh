#!/usr/bin/env bash
# Starts a second Docker engine on this machine that stands for a remote one in integration tests: a dockerd in
# its own network namespace (kubemvn-remote, reachable at 10.213.57.2 only), served over TCP+TLS, over ssh
# (ssh://kube-mvn-second-engine) and as the docker context kube-mvn-second, holding the local base images.
# Writes what the tests need to /var/lib/kube-maven-it/second-engine/env. Safe to run again: each step is
# skipped when its result is already there, and a dead engine or sshd is started again.
#   --stop    stops the namespaced dockerd and sshd, keeps all state (for tests that simulate a dead engine)
#   --status  prints whether each piece is up; exits 1 when one is not
#   --remove  stops it and removes everything it made: state, namespace, veth, ssh host entry, docker context
# Needs the local engine (scripts/setup/engine.sh) and root.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

ns=kubemvn-remote
ns_path="/var/run/netns/${ns}"
host_if=kmvn-host
ns_if=kmvn-remote
host_addr=10.213.57.1
ns_addr=10.213.57.2
bridge_ip=10.214.0.1/24

state=/var/lib/kube-maven-it/second-engine
certs="${state}/certs"
sshdir="${state}/ssh"
env_file="${state}/env"
run=/run/kube-maven-it
sock="${run}/docker.sock"
pidfile="${run}/docker.pid"
exec_root="${run}/exec"
tcp="tcp://${ns_addr}:2376"
log=/var/log/kube-maven-second-dockerd.log
sshd_log=/var/log/kube-maven-second-sshd.log
sshd_config="${sshdir}/sshd_config"
sshd_pidfile="${sshdir}/sshd.pid"
ssh_alias=kube-mvn-second-engine
ssh_config=/root/.ssh/config
context=kube-mvn-second
local_sock=unix:///var/run/docker.sock
images=(
  "kube-maven-plugin/go-base:1.19"
  "kube-maven-plugin/kube-cross:v1.19.8-1"
  "k8s.gcr.io/build-image/kube-cross:v1.15.5-1"
  "kube-maven-plugin/server-base:1"
  "kube-maven-plugin/go-base:1.26-no-rsync"
)

# The script's own docker calls name their engine; nothing from the caller's environment may redirect them.
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH

say() { echo "setup-second-engine: $*"; }
die() { echo "setup-second-engine: $*" >&2; exit 1; }
in_ns() { nsenter --net="${ns_path}" "$@"; }
local_docker() { docker -H "${local_sock}" "$@"; }
sock_docker() { docker -H "unix://${sock}" "$@"; }
tls_docker() { DOCKER_HOST="${tcp}" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="${certs}" docker "$@"; }

dockerd_pid() { find_pid "${pidfile}" dockerd "--pidfile ${pidfile}"; }
sshd_pid() { find_pid "${sshd_pidfile}" sshd "${sshd_config}"; }

# Sends TERM to pid $1 and waits up to $2 seconds for it to go, then KILL.
stop_pid() {
  local pid=$1 wait=$2
  kill -TERM "${pid}" 2>/dev/null || return 0
  for _ in $(seq 1 $((wait * 5))); do
    [[ -e "/proc/${pid}" ]] || return 0
    sleep 0.2
  done
  kill -KILL "${pid}" 2>/dev/null || true
  sleep 0.5
}

stop_dockerd() { local p; if p="$(dockerd_pid)"; then say "stopping dockerd (pid ${p})"; stop_pid "${p}" 40; fi; }
stop_sshd() { local p; if p="$(sshd_pid)"; then say "stopping sshd (pid ${p})"; stop_pid "${p}" 10; fi; }

ssh_docker_id() { ssh "${ssh_alias}" "docker info --format '{{.ID}}'"; }

status() {
  local ok=0 p
  up() { printf '%-22s up%s\n' "$1" "${2:+ ($2)}"; }
  down() { printf '%-22s DOWN%s\n' "$1" "${2:+ ($2)}"; ok=1; }
  if ip netns list 2>/dev/null | grep -w "${ns}" >/dev/null; then up "namespace" "${ns}"; else down "namespace" "${ns}"; fi
  if ip -o -4 addr show dev "${host_if}" 2>/dev/null | grep " ${host_addr}/24 " >/dev/null \
    && [[ -e "${ns_path}" ]] && in_ns ip -o -4 addr show dev "${ns_if}" 2>/dev/null | grep " ${ns_addr}/24 " >/dev/null; then
    up "veth" "${host_if} ${host_addr} <-> ${ns_if} ${ns_addr}"
  else down "veth" "${host_if} ${host_addr} <-> ${ns_if} ${ns_addr}"; fi
  if [[ -s "${certs}/ca.pem" && -s "${certs}/cert.pem" && -s "${certs}/key.pem" ]]; then up "certificates" "${certs}"
  else down "certificates" "${certs}"; fi
  if p="$(dockerd_pid)"; then
    if tls_docker version >/dev/null 2>&1; then up "dockerd" "pid ${p}, ${tcp}"; else down "dockerd" "pid ${p}, ${tcp} does not answer"; fi
  else down "dockerd" "not running"; fi
  local img have=0
  if sock_docker version >/dev/null 2>&1; then
    for img in "${images[@]}"; do
      sock_docker image inspect "${img}" >/dev/null 2>&1 && have=$((have + 1))
    done
    if ((have == ${#images[@]})); then up "images" "${have} of ${#images[@]}"; else down "images" "${have} of ${#images[@]}"; fi
  else down "images" "unknown: the engine is down"; fi
  if p="$(sshd_pid)"; then
    if ssh_docker_id >/dev/null 2>&1; then up "sshd" "pid ${p}, ssh://${ssh_alias}"
    else down "sshd" "pid ${p}, ssh://${ssh_alias} docker does not answer"; fi
  else down "sshd" "not running"; fi
  if docker context inspect "${context}" >/dev/null 2>&1; then up "docker context" "${context}"; else down "docker context" "${context}"; fi
  if [[ -f "${env_file}" ]]; then up "env file" "${env_file}"; else down "env file" "${env_file}"; fi
  return "${ok}"
}

[[ ${EUID} -eq 0 ]] || die "must run as root"
case "${1:-}" in
  --stop)
    stop_sshd
    stop_dockerd
    exit 0
    ;;
  --status)
    status
    exit
    ;;
  --remove)
    stop_sshd
    stop_dockerd
    while mountpoint -q "${state}/docker" 2>/dev/null; do umount "${state}/docker"; done
    rm -rf "${state}" "${run}"
    if ip netns list 2>/dev/null | grep -w "${ns}" >/dev/null; then
      say "deleting namespace ${ns}"
      ip netns delete "${ns}"
    fi
    ip link show "${host_if}" >/dev/null 2>&1 && ip link delete "${host_if}"
    if [[ -f "${ssh_config}" ]]; then
      sed -i '/^# kube-maven-plugin second engine begin$/,/^# kube-maven-plugin second engine end$/d' "${ssh_config}"
    fi
    docker context inspect "${context}" >/dev/null 2>&1 && docker context rm -f "${context}" >/dev/null
    exit 0
    ;;
  "") ;;
  *) die "usage: $0 [--stop|--status|--remove]" ;;
esac

# --- packages -------------------------------------------------------------------------------------------
need_packages=()
[[ -x /usr/sbin/sshd ]] || need_packages+=(openssh-server)
command -v ssh >/dev/null 2>&1 || need_packages+=(openssh-client)
command -v openssl >/dev/null 2>&1 || need_packages+=(openssl)
command -v ip >/dev/null 2>&1 || need_packages+=(iproute2)
command -v nsenter >/dev/null 2>&1 || need_packages+=(util-linux)
if ((${#need_packages[@]})); then
  say "installing ${need_packages[*]}"
  install_packages_quietly /var/log/kube-maven-second-apt.log "${need_packages[@]}" || die "could not install ${need_packages[*]}"
fi
if ! command -v dockerd >/dev/null 2>&1 || ! local_docker info >/dev/null 2>&1; then
  die "the local engine does not answer at ${local_sock}: run scripts/setup/engine.sh first"
fi

# --- network namespace and veth pair ---------------------------------------------------------------------
if ! ip netns list | grep -w "${ns}" >/dev/null; then
  say "creating network namespace ${ns}"
  ip netns add "${ns}"
fi
if ip link show "${host_if}" >/dev/null 2>&1 && ! in_ns ip link show "${ns_if}" >/dev/null 2>&1; then
  ip link delete "${host_if}"   # our host end without its peer in the namespace: make the pair again
fi
if ! ip link show "${host_if}" >/dev/null 2>&1; then
  say "creating veth ${host_if} (${host_addr}) <-> ${ns}/${ns_if} (${ns_addr})"
  in_ns ip link delete "${ns_if}" 2>/dev/null || true
  ip link add "${host_if}" type veth peer name "${ns_if}" netns "${ns}"
fi
ip -o -4 addr show dev "${host_if}" | grep " ${host_addr}/24 " >/dev/null || ip addr add "${host_addr}/24" dev "${host_if}"
in_ns ip -o -4 addr show dev "${ns_if}" | grep " ${ns_addr}/24 " >/dev/null || in_ns ip addr add "${ns_addr}/24" dev "${ns_if}"
ip -o link show "${host_if}" | grep ',UP' >/dev/null || ip link set "${host_if}" up
in_ns ip -o link show "${ns_if}" | grep ',UP' >/dev/null || in_ns ip link set "${ns_if}" up
in_ns ip -o link show lo | grep ',UP' >/dev/null || in_ns ip link set lo up

# --- certificates ------------------------------------------------------------------------------------------
# DOCKER_CERT_PATH layout: ca.pem, cert.pem and key.pem are the client's; the server's are server-*.pem.
mkdir -p "${state}" "${run}"
cert_files=(ca.pem ca-key.pem server-cert.pem server-key.pem cert.pem key.pem)
certs_ok=1
for f in "${cert_files[@]}"; do [[ -s "${certs}/${f}" ]] || certs_ok=; done
if [[ -n "${certs_ok}" ]] \
  && openssl verify -CAfile "${certs}/ca.pem" -purpose sslserver "${certs}/server-cert.pem" >/dev/null 2>&1 \
  && openssl verify -CAfile "${certs}/ca.pem" -purpose sslclient "${certs}/cert.pem" >/dev/null 2>&1; then
  certs_made=
else
  say "making certificates in ${certs}"
  rm -rf "${certs}"
  mkdir -m 700 "${certs}"
  (
    umask 077
    cd "${certs}"
    openssl genrsa -out ca-key.pem 3072 2>/dev/null
    openssl req -new -x509 -days 3650 -key ca-key.pem -sha256 -out ca.pem -subj "/CN=kube-maven-plugin second engine CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl genrsa -out server-key.pem 2048 2>/dev/null
    openssl req -new -key server-key.pem -subj "/CN=${ns_addr}" -out server.csr 2>/dev/null
    printf '%s\n' "subjectAltName=IP:${ns_addr}" "extendedKeyUsage=serverAuth" \
      "keyUsage=critical,digitalSignature,keyEncipherment" "basicConstraints=CA:FALSE" >server-ext.cnf
    openssl x509 -req -days 3650 -sha256 -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
      -extfile server-ext.cnf -out server-cert.pem 2>/dev/null
    openssl genrsa -out key.pem 2048 2>/dev/null
    openssl req -new -key key.pem -subj "/CN=kube-maven-plugin client" -out client.csr 2>/dev/null
    printf '%s\n' "extendedKeyUsage=clientAuth" "keyUsage=critical,digitalSignature,keyEncipherment" \
      "basicConstraints=CA:FALSE" >client-ext.cnf
    openssl x509 -req -days 3650 -sha256 -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
      -extfile client-ext.cnf -out cert.pem 2>/dev/null
    rm -f server.csr client.csr server-ext.cnf client-ext.cnf ca.srl
    chmod 600 ca-key.pem server-key.pem key.pem
    chmod 644 ca.pem server-cert.pem cert.pem
  )
  chmod 755 "${certs}"   # certificates readable by all, keys by root only
  certs_made=1
fi

# --- the namespaced dockerd --------------------------------------------------------------------------------
# Its own daemon.json (so /etc/docker/daemon.json never applies) and its own identity key: dockerd 20.10 takes
# its engine ID from /etc/docker/key.json unless told otherwise, and would then share the local engine's ID.
# (dockerd 20.10 takes that key's path only from a config file, as "deprecated-key-path", not as a flag).
restart_dockerd="${certs_made}"   # new certificates or a new config: a running dockerd must load them
printf '{\n  "deprecated-key-path": "%s"\n}\n' "${state}/key.json" \
  | write_if_changed "${state}/daemon.json" 644 && restart_dockerd=1
if [[ -n "${restart_dockerd}" ]]; then stop_dockerd; fi
if ! dockerd_pid >/dev/null; then
  say "starting dockerd in ${ns} (log ${log})"
  mkdir -p "${state}/docker" "${exec_root}"
  rm -f "${pidfile}" "${sock}"
  # A stale containerd pidfile makes dockerd wait on a "still running" containerd that is gone.
  c_pidfile="${exec_root}/containerd/containerd.pid"
  if [[ -f "${c_pidfile}" ]] && ! find_pid "${c_pidfile}" containerd "${exec_root}/containerd" >/dev/null; then
    rm -f "${c_pidfile}"
  fi
  # Not through in_ns: a backgrounded shell function would leave a copy of this script waiting on dockerd.
  nsenter --net="${ns_path}" setsid nohup dockerd \
    --config-file "${state}/daemon.json" \
    --data-root "${state}/docker" \
    --exec-root "${exec_root}" \
    --pidfile "${pidfile}" \
    -H "unix://${sock}" -H "${tcp}" \
    --tlsverify --tlscacert "${certs}/ca.pem" --tlscert "${certs}/server-cert.pem" --tlskey "${certs}/server-key.pem" \
    --bip "${bridge_ip}" \
    --cgroup-parent /kube-mvn-second \
    --containerd-namespace kube-mvn-second \
    --containerd-plugins-namespace kube-mvn-second-plugins \
    >>"${log}" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    tls_docker version >/dev/null 2>&1 && break
    dockerd_pid >/dev/null || sleep 1   # give a dying dockerd a moment to write its pidfile / exit
    dockerd_pid >/dev/null || { tail -20 "${log}" >&2; die "dockerd exited; see ${log}"; }
    sleep 0.5
  done
fi
tls_docker version >/dev/null 2>&1 || { tail -20 "${log}" >&2; die "dockerd does not answer at ${tcp} over TLS; see ${log}"; }
second_pid="$(dockerd_pid)" || die "dockerd answers at ${tcp} but its pid is not in ${pidfile}"

# --- images --------------------------------------------------------------------------------------------------
# One listing per engine: "NAME:TAG ID" lines.
image_ids() { "$@" image ls --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}'; }
declare -A local_ids=() second_ids=()
while read -r name id; do local_ids["${name}"]="${id}"; done < <(image_ids local_docker)
while read -r name id; do second_ids["${name}"]="${id}"; done < <(image_ids sock_docker)
names=()
stale=()
old_ids=()
for img in "${images[@]}"; do
  id="${local_ids["${img}"]:-}"
  [[ -n "${id}" ]] || continue
  names+=("${img}")
  rid="${second_ids["${img}"]:-}"
  if [[ "${rid}" != "${id}" ]]; then
    stale+=("${img}")
    [[ -z "${rid}" ]] || old_ids+=("${rid}")
  fi
done
((${#names[@]})) || die "the local engine has none of ${images[*]}: run scripts/setup/engine.sh first"
if ((${#stale[@]})); then
  say "loading ${names[*]} into the second engine"
  start_ns="$(date +%s%N)"
  local_docker save "${names[@]}" | sock_docker load -q >/dev/null
  say "loaded in $(( ($(date +%s%N) - start_ns) / 1000000 )) ms"
  for old in "${old_ids[@]}"; do   # the replaced images, once no name points at them (and no container uses them)
    [[ "$(sock_docker image inspect -f '{{len .RepoTags}}' "${old}" 2>/dev/null)" != 0 ]] \
      || sock_docker image rm "${old}" >/dev/null 2>&1 || true
  done
fi

# --- sshd in the namespace -----------------------------------------------------------------------------------
[[ -d "${sshdir}" ]] || mkdir -m 700 "${sshdir}"
[[ -s "${sshdir}/ssh_host_ed25519_key" ]] \
  || ssh-keygen -q -t ed25519 -N '' -C "${ssh_alias} host key" -f "${sshdir}/ssh_host_ed25519_key"
[[ -s "${sshdir}/id_ed25519" && -s "${sshdir}/id_ed25519.pub" ]] \
  || { rm -f "${sshdir}/id_ed25519" "${sshdir}/id_ed25519.pub"
       ssh-keygen -q -t ed25519 -N '' -C "kube-maven-plugin tests" -f "${sshdir}/id_ed25519"; }
write_if_changed "${sshdir}/authorized_keys" 600 <"${sshdir}/id_ed25519.pub" || true
echo "${ns_addr} $(cut -d' ' -f1,2 "${sshdir}/ssh_host_ed25519_key.pub")" \
  | write_if_changed "${sshdir}/known_hosts" 644 || true
sshd_changed=
cat <<EOF | write_if_changed "${sshd_config}" 600 && sshd_changed=1
# sshd of the kube-maven-plugin second engine (scripts/setup/second-engine.sh); runs in netns ${ns}.
ListenAddress ${ns_addr}:22
HostKey ${sshdir}/ssh_host_ed25519_key
PidFile ${sshd_pidfile}
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AuthorizedKeysFile ${sshdir}/authorized_keys
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
X11Forwarding no
PrintMotd no
PrintLastLog no
# A docker run over ssh must reach the namespaced engine: this machine's files, /var/run/docker.sock included, are shared.
SetEnv DOCKER_HOST=unix://${sock}
Subsystem sftp internal-sftp
EOF
if [[ -n "${sshd_changed}" ]]; then stop_sshd; fi
if ! sshd_pid >/dev/null; then
  say "starting sshd in ${ns} on ${ns_addr}:22 (log ${sshd_log})"
  [[ -d /run/sshd ]] || mkdir -m 755 /run/sshd   # sshd's privilege separation directory
  /usr/sbin/sshd -t -f "${sshd_config}" || die "sshd rejects ${sshd_config}"
  rm -f "${sshd_pidfile}"
  in_ns setsid /usr/sbin/sshd -f "${sshd_config}" -E "${sshd_log}" </dev/null
  for _ in $(seq 1 50); do
    sshd_pid >/dev/null && in_ns bash -c "exec 3<>/dev/tcp/${ns_addr}/22" 2>/dev/null && break
    sleep 0.2
  done
  sshd_pid >/dev/null || { tail -20 "${sshd_log}" >&2; die "sshd did not start; see ${sshd_log}"; }
fi

# --- the ssh alias -------------------------------------------------------------------------------------------
# The block goes first (ssh takes the first value it finds); it ends with "Host *" so that any options that
# followed at the top of the file keep applying to every host.
block="# kube-maven-plugin second engine begin
Host ${ssh_alias}
  HostName ${ns_addr}
  User root
  IdentityFile ${sshdir}/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile ${sshdir}/known_hosts
  StrictHostKeyChecking accept-new
  BatchMode yes
  ConnectTimeout 10
  LogLevel ERROR
Host *
# kube-maven-plugin second engine end"
[[ -d /root/.ssh ]] || mkdir -m 700 /root/.ssh
{
  printf '%s\n' "${block}"
  [[ ! -f "${ssh_config}" ]] \
    || sed '/^# kube-maven-plugin second engine begin$/,/^# kube-maven-plugin second engine end$/d' "${ssh_config}"
} | write_if_changed "${ssh_config}" 600 && say "wrote the ${ssh_alias} alias to ${ssh_config}"
[[ "$(stat -c %a "${ssh_config}")" == 600 ]] || chmod 600 "${ssh_config}"

# --- docker context (the current context stays as it is) ----------------------------------------------------
context_endpoint="host=${tcp},ca=${certs}/ca.pem,cert=${certs}/cert.pem,key=${certs}/key.pem"
if ! docker context inspect "${context}" >/dev/null 2>&1; then
  say "creating docker context ${context}"
  out="$(docker context create "${context}" --description "kube-maven-plugin second engine" \
    --docker "${context_endpoint}" 2>&1)" || die "docker context create failed: ${out}"
elif [[ -n "${certs_made}" ]]; then   # the context holds copies of the old certificates
  out="$(docker context update "${context}" --docker "${context_endpoint}" 2>&1)" || die "docker context update failed: ${out}"
fi

# --- checks: every way in reaches the namespaced engine, and it is not the local one -----------------------
local_id="$(local_docker info --format '{{.ID}}')"
second_id="$(tls_docker info --format '{{.ID}}')"
[[ -n "${second_id}" && "${second_id}" != "${local_id}" ]] \
  || die "the engine at ${tcp} has the local engine's ID ${local_id}: it is not a second engine"
# The three ways in, side by side (each takes a second or more: an ssh handshake, a docker CLI start).
checks="$(mktemp -d)"
trap 'rm -rf "${checks}"' EXIT
ssh_docker_id >"${checks}/ssh" 2>&1 &
ssh_check=$!
docker -H "ssh://${ssh_alias}" info --format '{{.ID}}' >"${checks}/dial" 2>&1 &
dial_check=$!
DOCKER_CONTEXT="${context}" docker info --format '{{.ID}}' >"${checks}/context" 2>&1 &
context_check=$!
wait "${ssh_check}" || die "ssh ${ssh_alias} docker info failed ($(cat "${checks}/ssh")); see ${sshd_log}"
wait "${dial_check}" || die "docker -H ssh://${ssh_alias} info failed: $(cat "${checks}/dial")"
wait "${context_check}" || die "docker context ${context} does not answer: $(cat "${checks}/context")"
ssh_id="$(cat "${checks}/ssh")"
[[ "${ssh_id}" == "${second_id}" ]] \
  || die "docker over ssh ${ssh_alias} reached engine ${ssh_id}, not the second engine ${second_id} (local: ${local_id})"
dial_id="$(cat "${checks}/dial")"
[[ "${dial_id}" == "${second_id}" ]] || die "docker -H ssh://${ssh_alias} reached engine ${dial_id}, not ${second_id}"
context_id="$(cat "${checks}/context")"
[[ "${context_id}" == "${second_id}" ]] || die "docker context ${context} reached engine ${context_id}, not ${second_id}"

# --- what the tests read (sh-sourceable and java.util.Properties-readable) ---------------------------------
cat <<EOF | write_if_changed "${env_file}" 644 && say "wrote ${env_file}"
SECOND_ENGINE_TCP=${tcp}
SECOND_ENGINE_CERT_PATH=${certs}
SECOND_ENGINE_SOCKET=unix://${sock}
SECOND_ENGINE_SSH=ssh://${ssh_alias}
SECOND_ENGINE_CONTEXT=${context}
SECOND_ENGINE_ID=${second_id}
LOCAL_ENGINE_ID=${local_id}
SECOND_ENGINE_PID=${second_pid}
SECOND_ENGINE_NETNS=${ns}
EOF
say "second engine ready at ${tcp} (pid ${second_pid})"
