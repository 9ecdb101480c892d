#!/usr/bin/env bash
# Starts a real two-node Kubernetes 1.20.2 cluster on this machine, made only from what is here: the server binaries
# built from Debian's source package (cached in /var/tmp/kube-maven-cluster/1.20.2/bin, outside any clone), etcd
# from Debian, a pause image compiled from the tree, certificates made with openssl. Node kube-mvn-node-1 is a
# kubelet on the local Docker engine; node kube-mvn-node-2 a kubelet in the second engine's network namespace
# (scripts/setup/second-engine.sh, started when it is not running), on that engine: two kubelets on one engine
# kill each other's containers. Writes an admin kubeconfig to /var/lib/kube-maven-it/cluster/kubeconfig and what
# tests need to /var/lib/kube-maven-it/cluster/env, and prints the latter. Safe to run again: each step is skipped
# when its result is already there, and a dead piece is started again.
#   --binaries  only installs what is missing and builds the binaries into the cache (when they are not there yet)
#   --status  prints whether each piece is up; exits 1 when one is not
#   --stop    stops every process it started, removes the pods' containers (k8s_*) from both engines, unmounts what
#             the kubelets mounted and restores the kernel settings the kubelets changed; keeps the state (etcd's
#             data, certificates), so the next start is quick
#   --remove  stops it and removes its state; the cached binaries and the pause image in both engines stay
#   --check   runs scripts/check/cluster.sh against the running cluster
# Needs the local engine (scripts/setup/engine.sh) and root.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

version=1.20.2
cache="/var/tmp/kube-maven-cluster/${version}"
bin="${cache}/bin"
binaries=(kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl)
pause_image=k8s.gcr.io/pause:3.2
# Not io.github.kubemaven.role: scripts/test.sh removes images with that label that a test run made.
pause_label=io.github.kubemaven.cluster

state=/var/lib/kube-maven-it/cluster
pki="${state}/pki"
kubeconfig="${state}/kubeconfig"
env_file="${state}/env"
sysctl_record="${state}/sysctls"
made_dirs_record="${state}/made-dirs"
second_started_record="${state}/second-engine-started"
run=/run/kube-maven-cluster
log_prefix=/var/log/kube-maven-cluster
build_log="${log_prefix}-build.log"

service_range=10.0.0.0/24
service_ip=10.0.0.1
api_port=6443
second_host_addr=10.213.57.1   # the host's end of the second engine's veth
second_ns_addr=10.213.57.2
second_ns_path=/var/run/netns/kubemvn-remote
second_sock=/run/kube-maven-it/docker.sock
local_sock=/var/run/docker.sock

nodes=(kube-mvn-node-1 kube-mvn-node-2)
# The fixed paths a kubelet 1.20 writes whatever its flags say: each kubelet gets its own, bind-mounted over these in
# a mount namespace of its own, or each would delete the other's pod log folders and device plugin socket.
fixed_dirs=(/var/log/pods /var/log/containers /var/lib/kubelet/device-plugins)
# The kernel settings a kubelet sets at start (setupKernelTunables).
sysctls=(vm/overcommit_memory vm/panic_on_oom kernel/panic kernel/panic_on_oops kernel/keys/root_maxkeys kernel/keys/root_maxbytes)

# The script's own docker calls name their engine; nothing from the caller's environment may redirect them.
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH

say() { echo "setup-cluster: $*"; }
die() { echo "setup-cluster: $*" >&2; exit 1; }
local_docker() { docker -H "unix://${local_sock}" "$@"; }
second_docker() { docker -H "unix://${second_sock}" "$@"; }
kubectl() { "${bin}/kubectl" --kubeconfig "${kubeconfig}" "$@"; }

host_ip() {
  local ip
  ip="$(ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' | head -n 1)"
  [[ -n "${ip}" ]] || ip="$(hostname -I 2>/dev/null | awk '{print $1}')"
  [[ -n "${ip}" ]] || die "cannot tell this machine's address"
  echo "${ip}"
}

node_dir() { echo "${state}/$1"; }
node_ip() { if [[ "$1" == kube-mvn-node-1 ]]; then host_ip; else echo "${second_ns_addr}"; fi; }
node_engine() { if [[ "$1" == kube-mvn-node-1 ]]; then echo "${local_sock}"; else echo "${second_sock}"; fi; }
node_docker() { docker -H "unix://$(node_engine "$1")" "${@:2}"; }

# The processes, each as: name, comm (15 characters at most), a mark that only its command line holds.
processes=(
  "etcd etcd --data-dir=${state}/etcd"
  "kube-apiserver kube-apiserver --cert-dir=${state}/apiserver"
  "kube-controller-manager kube-controller --kubeconfig=${state}/controller-manager.kubeconfig"
  "kube-scheduler kube-scheduler --kubeconfig=${state}/scheduler.kubeconfig"
  "proxy-kube-mvn-node-1 python3 ${state}/kube-mvn-node-1/docker.sock"
  "proxy-kube-mvn-node-2 python3 ${state}/kube-mvn-node-2/docker.sock"
  "kubelet-kube-mvn-node-1 kubelet --root-dir=${state}/kube-mvn-node-1/kubelet"
  "kubelet-kube-mvn-node-2 kubelet --root-dir=${state}/kube-mvn-node-2/kubelet"
)
process_pid() {
  local entry name comm mark
  for entry in "${processes[@]}"; do
    read -r name comm mark <<<"${entry}"
    [[ "${name}" == "$1" ]] || continue
    find_pid "${run}/${name}.pid" "${comm}" "${mark}"
    return
  done
  die "no process ${1}"
}

# start_process NAME COMMAND...: starts COMMAND in a session of its own, logging to /var/log/kube-maven-cluster-NAME.log.
start_process() {
  local name=$1
  shift
  say "starting ${name} (log ${log_prefix}-${name}.log)"
  mkdir -p "${run}"
  setsid nohup "$@" >>"${log_prefix}-${name}.log" 2>&1 </dev/null &
  echo "$!" >"${run}/${name}.pid"
}

# Whether pid $1 runs: a zombie does not (this machine's init takes seconds to reap the processes it inherits).
alive() {
  local stat
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

# Sends TERM to process NAME and waits up to $2 seconds for it to go, then KILL.
stop_process() {
  local name=$1 wait=$2 pid
  pid="$(process_pid "${name}")" || { rm -f "${run}/${name}.pid"; return 0; }
  say "stopping ${name} (pid ${pid})"
  kill -TERM "${pid}" 2>/dev/null || true
  for _ in $(seq 1 $((wait * 10))); do
    alive "${pid}" || break
    sleep 0.1
  done
  if alive "${pid}"; then kill -KILL "${pid}" 2>/dev/null || true; sleep 0.5; fi
  rm -f "${run}/${name}.pid"
}

# wait_for SECONDS WHAT COMMAND...: polls COMMAND until it succeeds.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 4))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  die "${what} did not come up within ${seconds} s"
}

api_ready() {
  curl -fsS --max-time 5 --cacert "${pki}/ca.pem" --cert "${pki}/admin.pem" --key "${pki}/admin-key.pem" \
    "https://127.0.0.1:${api_port}/readyz" >/dev/null 2>&1
}
etcd_ready() { curl -fsS --max-time 5 http://127.0.0.1:2379/health 2>/dev/null | grep -q '"health":"true"'; }
# node_ready NODE [SINCE]: the node is Ready and, when SINCE (seconds since the epoch) is given, its kubelet has
# renewed the node's lease since then and answers its health check: a node stays Ready for 40 s after its kubelet
# stops, and a restarted kubelet does not always post its status at once.
node_ready() {
  local renewed netns=()
  [[ "$(kubectl get node "$1" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]] || return 1
  [[ -n "${2:-}" ]] || return 0
  renewed="$(kubectl get lease -n kube-node-lease "$1" -o 'jsonpath={.spec.renewTime}' 2>/dev/null)" || return 1
  [[ -n "${renewed}" ]] && (($(date -d "${renewed}" +%s) >= $2)) || return 1
  [[ "$1" == kube-mvn-node-1 ]] || netns=(nsenter "--net=${second_ns_path}")
  [[ "$("${netns[@]}" curl -fsS --max-time 5 http://127.0.0.1:10248/healthz 2>/dev/null)" == ok ]]
}

# Every mount at or below the kubelet root dirs, deepest first.
kubelet_mounts() {
  local node root
  for node in "${nodes[@]}"; do
    root="$(node_dir "${node}")/kubelet"
    findmnt -rn -o TARGET | awk -v r="${root}" '$0 == r || index($0, r "/") == 1'
  done | awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2-
}

# The pods' containers a kubelet made on an engine (dockershim names them k8s_*).
pod_containers() { node_docker "$1" ps -aq --filter name=^k8s_ --filter label=io.kubernetes.docker.type; }

# The cgroup v1 hierarchies (the kubelet makes its cgroups in the v2 one of a hybrid layout too, with --all).
cgroup_hierarchies() { if [[ "${1:-}" == --all ]]; then findmnt -rn -t cgroup,cgroup2 -o TARGET; else findmnt -rn -t cgroup -o TARGET; fi; }

status() {
  local ok=0 entry name comm mark p node
  up() { printf '%-26s up%s\n' "$1" "${2:+ ($2)}"; }
  down() { printf '%-26s DOWN%s\n' "$1" "${2:+ ($2)}"; ok=1; }
  local b have=0
  for b in "${binaries[@]}" pause; do [[ -x "${bin}/${b}" ]] && have=$((have + 1)); done
  if ((have == ${#binaries[@]} + 1)); then up "binaries" "${bin}"; else down "binaries" "${have} of $((${#binaries[@]} + 1)) in ${bin}"; fi
  if [[ -s "${pki}/ca.pem" && -s "${kubeconfig}" ]]; then up "certificates" "${pki}"; else down "certificates" "${pki}"; fi
  for entry in "${processes[@]}"; do
    read -r name comm mark <<<"${entry}"
    if p="$(process_pid "${name}")"; then up "${name}" "pid ${p}"; else down "${name}" "not running"; fi
  done
  if etcd_ready; then up "etcd health" "127.0.0.1:2379"; else down "etcd health" "127.0.0.1:2379"; fi
  if api_ready; then up "apiserver ready" "https://127.0.0.1:${api_port}"; else down "apiserver ready" "https://127.0.0.1:${api_port}"; fi
  for node in "${nodes[@]}"; do
    if node_docker "${node}" version >/dev/null 2>&1; then
      if node_docker "${node}" image inspect "${pause_image}" >/dev/null 2>&1; then up "${node} engine" "$(node_engine "${node}"), ${pause_image}"
      else down "${node} engine" "$(node_engine "${node}") has no ${pause_image}"; fi
    else down "${node} engine" "$(node_engine "${node}") does not answer"; fi
    if api_ready && node_ready "${node}"; then up "${node} Ready" "$(node_ip "${node}")"; else down "${node} Ready" "$(node_ip "${node}")"; fi
  done
  if [[ -f "${env_file}" ]]; then up "env file" "${env_file}"; else down "env file" "${env_file}"; fi
  return "${ok}"
}

stop() {
  local node m containers
  stop_process kubelet-kube-mvn-node-1 30
  stop_process kubelet-kube-mvn-node-2 30
  for node in "${nodes[@]}"; do
    if node_docker "${node}" version >/dev/null 2>&1; then
      containers="$(pod_containers "${node}")"
      if [[ -n "${containers}" ]]; then
        say "removing $(wc -w <<<"${containers}") pod containers of ${node} from $(node_engine "${node}")"
        # shellcheck disable=SC2086
        node_docker "${node}" rm -f -v ${containers} >/dev/null
      fi
    fi
  done
  while read -r m; do
    [[ -n "${m}" ]] || continue
    umount "${m}" 2>/dev/null || umount -l "${m}"
  done < <(kubelet_mounts)
  stop_process proxy-kube-mvn-node-1 10
  stop_process proxy-kube-mvn-node-2 10
  stop_process kube-scheduler 20
  stop_process kube-controller-manager 20
  stop_process kube-apiserver 30
  stop_process etcd 30
  if [[ -f "${sysctl_record}" ]]; then
    local key value
    while read -r key value; do
      [[ "$(cat "/proc/sys/${key}")" == "${value}" ]] || { echo "${value}" >"/proc/sys/${key}" && say "restored ${key} to ${value}"; }
    done <"${sysctl_record}"
    rm -f "${sysctl_record}"
  fi
  # The cgroups the kubelets made below their roots, deepest first (empty once the pods' containers are gone).
  local h
  for h in $(cgroup_hierarchies --all); do
    for node in "${nodes[@]}"; do
      [[ -d "${h}/${node}" ]] || continue
      find "${h}/${node}" -depth -type d -exec rmdir {} + 2>/dev/null || true
    done
  done
  if [[ -f "${second_started_record}" ]]; then
    "${project}/scripts/setup/second-engine.sh" --stop
    rm -f "${second_started_record}"
  fi
}

[[ ${EUID} -eq 0 ]] || die "must run as root"
case "${1:-}" in
  --status)
    status
    exit
    ;;
  --stop)
    stop
    exit 0
    ;;
  --remove)
    second_started=
    [[ ! -f "${second_started_record}" ]] || second_started=1
    stop
    if [[ -n "${second_started}" ]]; then
      "${project}/scripts/setup/second-engine.sh" --remove
    fi
    if [[ -f "${made_dirs_record}" ]]; then
      # deepest first; only what this script made, and only when empty
      sort -r "${made_dirs_record}" | while read -r d; do rmdir "${d}" 2>/dev/null || true; done
    fi
    rm -rf "${state}" "${run}"
    say "removed ${state}; the binaries stay in ${bin}"
    exit 0
    ;;
  --check)
    exec "${project}/scripts/check/cluster.sh"
    ;;
  --binaries) binaries_only=1 ;;
  "") ;;
  *) die "usage: $0 [--binaries|--status|--stop|--remove|--check]" ;;
esac

# --- packages ------------------------------------------------------------------------------------------------
need_packages=()
command -v etcd >/dev/null 2>&1 || need_packages+=(etcd-server)
command -v openssl >/dev/null 2>&1 || need_packages+=(openssl)
command -v python3 >/dev/null 2>&1 || need_packages+=(python3)
command -v curl >/dev/null 2>&1 || need_packages+=(curl)
command -v unshare >/dev/null 2>&1 || need_packages+=(util-linux)
if ((${#need_packages[@]})); then
  say "installing ${need_packages[*]}"
  install_packages_quietly "${log_prefix}-apt.log" "${need_packages[@]}" || die "could not install ${need_packages[*]}"
fi
local_docker info >/dev/null 2>&1 || die "the local engine does not answer at ${local_sock}: run scripts/setup/engine.sh first"

# --- the binaries ----------------------------------------------------------------------------------------------
# Built once per version in a work folder of their own, which goes afterwards (its Go cache alone is 2.4 GB).
build_binaries() {
  local b missing=() tree="${cache}/work/kubernetes-${version}" whats=() start
  for b in "${binaries[@]}" pause; do [[ -x "${bin}/${b}" ]] || missing+=("${b}"); done
  ((${#missing[@]})) || return 0
  [[ -x /usr/lib/go-1.19/bin/go ]] || die "no Go 1.19 in /usr/lib/go-1.19: run scripts/setup/engine.sh first"
  if ! command -v gcc >/dev/null 2>&1 || ! command -v make >/dev/null 2>&1; then
    die "gcc and make are needed: run scripts/setup/engine.sh first"
  fi
  "${project}/scripts/setup/kubernetes-source.sh" "${tree}"
  for b in "${binaries[@]}"; do whats+=("cmd/${b}"); done
  say "building ${binaries[*]} ${version} (about 11 minutes on 2 cores; log ${build_log})"
  start=$(date +%s)
  (cd "${tree}" && PATH="/usr/lib/go-1.19/bin:${PATH}" KUBE_GIT_VERSION="v${version}" KUBE_GIT_TREE_STATE=clean \
    make WHAT="${whats[*]}") >"${build_log}" 2>&1 || { tail -30 "${build_log}" >&2; die "the build failed; see ${build_log}"; }
  gcc -Os -Wall -Werror -static -DVERSION="v3.2-kube-maven-${version}" -o "${tree}/_output/pause" \
    "${tree}/build/pause/linux/pause.c" >>"${build_log}" 2>&1 || die "gcc failed on pause.c; see ${build_log}"
  rm -rf "${bin}.partial"
  mkdir -p "${bin}.partial"
  for b in "${binaries[@]}"; do cp "${tree}/_output/local/bin/linux/amd64/${b}" "${bin}.partial/"; done
  cp "${tree}/_output/pause" "${bin}.partial/"
  rm -rf "${bin}"
  mv "${bin}.partial" "${bin}"
  rm -rf "${tree}"
  say "built in $(($(date +%s) - start)) s; cached in ${bin}"
}
build_binaries
[[ -z "${binaries_only:-}" ]] || exit 0

# --- the second engine, for node 2 ----------------------------------------------------------------------------
if ! second_docker version >/dev/null 2>&1; then
  mkdir -p "${state}"
  touch "${second_started_record}"   # --stop then stops it again, --remove removes it
fi
"${project}/scripts/setup/second-engine.sh" >/dev/null

# --- the pause image, on both engines --------------------------------------------------------------------------
if ! local_docker image inspect "${pause_image}" >/dev/null 2>&1; then
  say "importing ${pause_image} into the local engine"
  root="$(mktemp -d)"
  cp "${bin}/pause" "${root}/pause"
  tar -C "${root}" -c pause | local_docker import -c 'ENTRYPOINT ["/pause"]' \
    -c "LABEL ${pause_label}=pause" - "${pause_image}" >/dev/null
  rm -rf "${root}"
fi
if [[ "$(second_docker image inspect -f '{{.Id}}' "${pause_image}" 2>/dev/null)" \
   != "$(local_docker image inspect -f '{{.Id}}' "${pause_image}")" ]]; then
  say "loading ${pause_image} into the second engine"
  local_docker save "${pause_image}" | second_docker load -q >/dev/null
fi

# --- certificates -----------------------------------------------------------------------------------------------
address="$(host_ip)"
# Every certificate but the CA is made again when this machine's address changes.
leaf_sans="IP:127.0.0.1,IP:${address},IP:${service_ip},IP:172.17.0.1,IP:${second_host_addr},DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
# issue NAME CN O USAGE [SANS]: a key and a certificate signed by the cluster's CA, for USAGE clientAuth or serverAuth.
issue() {
  local name=$1 cn=$2 org=$3 usage=$4 sans=${5:-} subject
  subject="/CN=${cn}"
  [[ -z "${org}" ]] || subject="/O=${org}${subject}"
  openssl genrsa -out "${name}-key.pem" 2048 2>/dev/null
  openssl req -new -key "${name}-key.pem" -subj "${subject}" -out "${name}.csr" 2>/dev/null
  {
    echo "extendedKeyUsage=${usage}"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "basicConstraints=CA:FALSE"
    [[ -z "${sans}" ]] || echo "subjectAltName=${sans}"
  } >"${name}.ext"
  openssl x509 -req -days 3650 -sha256 -in "${name}.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
    -extfile "${name}.ext" -out "${name}.pem" 2>/dev/null
  rm -f "${name}.csr" "${name}.ext"
}
mkdir -p "${state}"
if [[ ! -s "${pki}/ca.pem" || ! -s "${pki}/ca-key.pem" || ! -s "${pki}/sa.pub" || "$(cat "${pki}/sans" 2>/dev/null)" != "${leaf_sans}" ]]; then
  say "making certificates in ${pki}"
  mkdir -p "${pki}"
  chmod 700 "${pki}"
  (
    umask 077
    cd "${pki}" || exit
    if [[ ! -s ca.pem || ! -s ca-key.pem ]]; then
      openssl genrsa -out ca-key.pem 3072 2>/dev/null
      openssl req -new -x509 -days 3650 -key ca-key.pem -sha256 -out ca.pem -subj "/CN=kube-maven-plugin cluster CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    fi
    if [[ ! -s sa.key || ! -s sa.pub ]]; then
      openssl genrsa -out sa.key 2048 2>/dev/null
      openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    fi
    issue apiserver kube-apiserver "" serverAuth "${leaf_sans}"
    issue apiserver-kubelet-client kube-apiserver-kubelet-client system:masters clientAuth
    issue admin kube-maven-admin system:masters clientAuth
    issue controller-manager system:kube-controller-manager "" clientAuth
    issue scheduler system:kube-scheduler "" clientAuth
    for node in "${nodes[@]}"; do
      issue "${node}" "system:node:${node}" system:nodes clientAuth
      issue "${node}-serving" "${node}" "" serverAuth "IP:$(node_ip "${node}"),DNS:${node}"
    done
    rm -f ca.srl
    chmod 644 ./*.pem sa.pub
    chmod 600 ./*-key.pem sa.key
    echo "${leaf_sans}" >sans
  )
  chmod 755 "${pki}"   # certificates readable by all, keys by root only
fi

# write_kubeconfig FILE SERVER NAME: a kubeconfig for the client certificate NAME, with the certificates inline.
write_kubeconfig() {
  local file=$1 server=$2 name=$3
  write_if_changed "${file}" 600 <<EOF || true
apiVersion: v1
kind: Config
clusters:
- name: kube-maven
  cluster:
    server: ${server}
    certificate-authority-data: $(base64 -w0 "${pki}/ca.pem")
users:
- name: ${name}
  user:
    client-certificate-data: $(base64 -w0 "${pki}/${name}.pem")
    client-key-data: $(base64 -w0 "${pki}/${name}-key.pem")
contexts:
- name: kube-maven
  context:
    cluster: kube-maven
    user: ${name}
current-context: kube-maven
EOF
}
write_kubeconfig "${kubeconfig}" "https://127.0.0.1:${api_port}" admin
write_kubeconfig "${state}/controller-manager.kubeconfig" "https://127.0.0.1:${api_port}" controller-manager
write_kubeconfig "${state}/scheduler.kubeconfig" "https://127.0.0.1:${api_port}" scheduler
mkdir -p "$(node_dir kube-mvn-node-1)" "$(node_dir kube-mvn-node-2)"
write_kubeconfig "$(node_dir kube-mvn-node-1)/kubeconfig" "https://127.0.0.1:${api_port}" kube-mvn-node-1
write_kubeconfig "$(node_dir kube-mvn-node-2)/kubeconfig" "https://${second_host_addr}:${api_port}" kube-mvn-node-2

# --- the kernel settings, as they were before any kubelet started ---------------------------------------------------
if [[ ! -f "${sysctl_record}" ]] && ! process_pid kubelet-kube-mvn-node-1 >/dev/null && ! process_pid kubelet-kube-mvn-node-2 >/dev/null; then
  for key in "${sysctls[@]}"; do echo "${key} $(cat "/proc/sys/${key}")"; done >"${sysctl_record}.partial"
  mv "${sysctl_record}.partial" "${sysctl_record}"
fi

# --- etcd, the apiserver, the controller-manager and the scheduler ----------------------------------------------------
if ! process_pid etcd >/dev/null; then
  mkdir -p "${state}/etcd"
  chmod 700 "${state}/etcd"
  start_process etcd etcd --name kube-maven --data-dir="${state}/etcd" \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster kube-maven=http://127.0.0.1:2380
fi
wait_for 60 "etcd (${log_prefix}-etcd.log)" etcd_ready

if ! process_pid kube-apiserver >/dev/null; then
  mkdir -p "${state}/apiserver"
  start_process kube-apiserver "${bin}/kube-apiserver" --cert-dir="${state}/apiserver" \
    --etcd-servers=http://127.0.0.1:2379 \
    --bind-address=0.0.0.0 --secure-port="${api_port}" --insecure-port=0 --advertise-address="${address}" \
    --client-ca-file="${pki}/ca.pem" --tls-cert-file="${pki}/apiserver.pem" --tls-private-key-file="${pki}/apiserver-key.pem" \
    --service-cluster-ip-range="${service_range}" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="${pki}/sa.pub" --service-account-signing-key-file="${pki}/sa.key" \
    --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction --allow-privileged=true \
    --kubelet-client-certificate="${pki}/apiserver-kubelet-client.pem" \
    --kubelet-client-key="${pki}/apiserver-kubelet-client-key.pem" \
    --kubelet-certificate-authority="${pki}/ca.pem" \
    --kubelet-preferred-address-types=InternalIP,Hostname \
    --profiling=false
fi
wait_for 120 "the apiserver (${log_prefix}-kube-apiserver.log)" api_ready

if ! process_pid kube-controller-manager >/dev/null; then
  start_process kube-controller-manager "${bin}/kube-controller-manager" \
    --kubeconfig="${state}/controller-manager.kubeconfig" \
    --authentication-kubeconfig="${state}/controller-manager.kubeconfig" \
    --authorization-kubeconfig="${state}/controller-manager.kubeconfig" \
    --leader-elect=false --port=0 --bind-address=127.0.0.1 \
    --use-service-account-credentials=true \
    --service-account-private-key-file="${pki}/sa.key" --root-ca-file="${pki}/ca.pem" \
    --cluster-signing-cert-file="${pki}/ca.pem" --cluster-signing-key-file="${pki}/ca-key.pem" \
    --profiling=false
fi
if ! process_pid kube-scheduler >/dev/null; then
  start_process kube-scheduler "${bin}/kube-scheduler" \
    --kubeconfig="${state}/scheduler.kubeconfig" \
    --authentication-kubeconfig="${state}/scheduler.kubeconfig" \
    --authorization-kubeconfig="${state}/scheduler.kubeconfig" \
    --leader-elect=false --port=0 --bind-address=127.0.0.1 \
    --profiling=false
fi

# --- the nodes -------------------------------------------------------------------------------------------------------
for d in "${fixed_dirs[@]}"; do
  if [[ ! -d "${d}" ]]; then
    p="${d}"
    made=()
    while [[ ! -d "${p}" ]]; do made+=("${p}"); p="$(dirname "${p}")"; done
    mkdir -p "${d}"
    printf '%s\n' "${made[@]}" >>"${made_dirs_record}"
  fi
done

declare -A kubelet_started=()
for node in "${nodes[@]}"; do
  dir="$(node_dir "${node}")"
  root="${dir}/kubelet"
  ip="$(node_ip "${node}")"
  mkdir -p "${root}" "${dir}/dockershim" "${dir}/volume-plugins" "${dir}/fixed/log-pods" "${dir}/fixed/log-containers" \
    "${dir}/fixed/device-plugins"

  # The kubelet's cgroups go below a root of its own: each kubelet destroys the pod cgroups it does not know.
  for h in $(cgroup_hierarchies); do
    [[ -d "${h}/${node}" ]] && continue
    mkdir "${h}/${node}"
    if [[ -f "${h}/cpuset.cpus" ]]; then
      cat "${h}/cpuset.cpus" >"${h}/${node}/cpuset.cpus"
      cat "${h}/cpuset.mems" >"${h}/${node}/cpuset.mems"
    fi
  done

  cat <<EOF | write_if_changed "${dir}/config.yaml" 644 || true
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: ${ip}
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
tlsCertFile: ${pki}/${node}-serving.pem
tlsPrivateKeyFile: ${pki}/${node}-serving-key.pem
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: false
  x509:
    clientCAFile: ${pki}/ca.pem
authorization:
  mode: AlwaysAllow
cgroupDriver: cgroupfs
cgroupRoot: /${node}
failSwapOn: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
makeIPTablesUtilChains: false
clusterDomain: cluster.local
EOF

  proxy="proxy-${node}"
  if ! process_pid "${proxy}" >/dev/null; then
    rm -f "${dir}/docker.sock"
    start_process "${proxy}" python3 "${project}/scripts/lib/docker-oom-proxy.py" "${dir}/docker.sock" "$(node_engine "${node}")"
    wait_for 10 "the docker proxy of ${node}" test -S "${dir}/docker.sock"
  fi

  kubelet="kubelet-${node}"
  if ! process_pid "${kubelet}" >/dev/null; then
    kubelet_started["${node}"]=$(date +%s)
    # Its root dir shared with this mount namespace, so the volumes it mounts there reach the engine.
    mountpoint -q "${root}" || mount --bind "${root}" "${root}"
    mount --make-shared "${root}"
    netns=()
    [[ "${node}" == kube-mvn-node-1 ]] || netns=(nsenter "--net=${second_ns_path}")
    # shellcheck disable=SC2016
    start_process "${kubelet}" unshare --mount --propagation unchanged sh -c \
      'mount --bind "$1" /var/log/pods && mount --bind "$2" /var/log/containers && mount --bind "$3" /var/lib/kubelet/device-plugins && shift 3 && exec "$@"' \
      sh "${dir}/fixed/log-pods" "${dir}/fixed/log-containers" "${dir}/fixed/device-plugins" \
      "${netns[@]}" "${bin}/kubelet" --root-dir="${root}" \
      --config="${dir}/config.yaml" --kubeconfig="${dir}/kubeconfig" \
      --hostname-override="${node}" --node-ip="${ip}" \
      --cert-dir="${dir}/pki" \
      --container-runtime=docker \
      --container-runtime-endpoint="unix://${dir}/dockershim.sock" \
      --experimental-dockershim-root-directory="${dir}/dockershim" \
      --volume-plugin-dir="${dir}/volume-plugins" \
      --docker-endpoint="unix://${dir}/docker.sock" \
      --docker="unix://$(node_engine "${node}")" \
      --pod-infra-container-image="${pause_image}"
  fi
done

start_ns=$(date +%s%N)
for node in "${nodes[@]}"; do
  wait_for 120 "node ${node} (${log_prefix}-kubelet-${node}.log)" node_ready "${node}" "${kubelet_started["${node}"]:-}"
done
say "both nodes Ready ($(( ($(date +%s%N) - start_ns) / 1000000 )) ms after the kubelets were up)"
# Where the plugin (kube.engine=k8s://) builds each node's images and keeps its volumes: the node's own engine.
for node in "${nodes[@]}"; do
  kubectl annotate node "${node}" --overwrite "io.github.kubemaven/docker-host=unix://$(node_engine "${node}")" >/dev/null
done

# --- what the tests read (sh-sourceable and java.util.Properties-readable) --------------------------------------------
cat <<EOF | write_if_changed "${env_file}" 644 || true
CLUSTER_KUBECONFIG=${kubeconfig}
CLUSTER_SERVER=https://127.0.0.1:${api_port}
CLUSTER_SERVER_HOST_ADDRESS=https://${address}:${api_port}
CLUSTER_SERVER_SECOND_ENGINE_SIDE=https://${second_host_addr}:${api_port}
CLUSTER_VERSION=v${version}
CLUSTER_KUBECTL=${bin}/kubectl
CLUSTER_NODE_1=kube-mvn-node-1
CLUSTER_NODE_1_ADDRESS=$(node_ip kube-mvn-node-1)
CLUSTER_NODE_1_DOCKER_HOST=unix://${local_sock}
CLUSTER_NODE_2=kube-mvn-node-2
CLUSTER_NODE_2_ADDRESS=${second_ns_addr}
CLUSTER_NODE_2_DOCKER_HOST=unix://${second_sock}
CLUSTER_PAUSE_IMAGE=${pause_image}
EOF
cat "${env_file}"
