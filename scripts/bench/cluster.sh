#!/usr/bin/env bash
# Times kube:build of cmd/kubectl for several platforms (real Kubernetes: linux/amd64, linux/arm64, linux/ppc64le and
# linux/s390x; the example tree: the three it builds) on one Docker engine (this machine's) and on the two-node
# cluster of scripts/setup/cluster.sh (node 1 runs its pods on this machine's engine, node 2 on the second engine in a
# network namespace of its own), every build container or pod limited to one CPU (kube.cpus=1) so that each node
# stands for one machine; then each node's share of the cluster's run again, alone on its node, as separate machines
# would build it. Every run starts cold: kube:clean with kube.cleanCache=true on both nodes' engines first, and no
# volume is seeded. Prints the wall times, the ratio cluster/one engine, whether each platform's kubectl is the same
# byte for byte, and where each node's time went (the plugin's own lines about each phase). Starts the cluster when it
# is not running, and stops it again at the end in that case, however the run ends.
#
#   scripts/bench/cluster.sh [--example-only] [WORK_DIR]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/real-tree.sh"
example_only=false
if [[ "${1:-}" == "--example-only" ]]; then
  example_only=true
  shift
fi
work="${1:-/var/tmp/kube-maven-cluster-benchmark}"
mkdir -p "${work}"

setup_engine
if ! "${project}/scripts/setup/cluster.sh" --status >/dev/null 2>&1; then
  trap '"${project}/scripts/setup/cluster.sh" --stop || true' EXIT
fi
"${project}/scripts/setup/cluster.sh" >/dev/null
# shellcheck disable=SC1091
source /var/lib/kube-maven-it/cluster/env
export KUBECONFIG="${CLUSTER_KUBECONFIG}"
install_plugin
local_engine="unix:///var/run/docker.sock"
cluster="k8s://kube-maven/default"

# kube:build from cold with the given engine parameters; prints the wall time in seconds, keeps log and checksums.
timed_build() {
  local tree="$1" label="$2" platforms="$3" start end
  shift 3
  (cd "${tree}" && "${project}/mvnw" -B -q "${plugin}:clean" -Dkube.engine="${cluster}" -Dkube.cleanCache=true) >/dev/null
  start=$(date +%s.%N)
  (cd "${tree}" && "${project}/mvnw" -B "${plugin}:build" -Dkube.what=cmd/kubectl -Dkube.platforms="${platforms}" \
    -Dkube.cpus=1 -Dkube.seed=none "$@") >"${work}/${label}.log" 2>&1 \
    || { echo "cluster-benchmark: ${label} failed, see ${work}/${label}.log" >&2; tail -20 "${work}/${label}.log" >&2; exit 1; }
  end=$(date +%s.%N)
  (cd "${tree}" && sha256sum _output/dockerized/bin/*/*/kubectl*) >"${work}/${label}.sha256"
  awk -v s="${start}" -v e="${end}" 'BEGIN { printf "%.1f", e - s }'
}

rows=()
measure() {
  local name="$1" tree="$2" platforms="$3" one spread same count node share alone
  count="$(wc -w <<<"${platforms}")"
  echo "cluster-benchmark: ${name}: ${platforms} on one engine" >&2
  one="$(timed_build "${tree}" "${name}-one" "${platforms}" -Dkube.dockerHost="${local_engine}")"
  echo "cluster-benchmark: ${name}: ${platforms} on the cluster's two nodes" >&2
  spread="$(timed_build "${tree}" "${name}-cluster" "${platforms}" -Dkube.engine="${cluster}")"
  if cmp -s "${work}/${name}-one.sha256" "${work}/${name}-cluster.sha256" && [[ "$(wc -l <"${work}/${name}-one.sha256")" == "${count}" ]]; then
    same="identical (${count} platforms)"
  else
    same="DIFFERENT"
  fi
  echo "cluster-benchmark: ${name}: where the cluster run's time went" >&2
  grep -E '^\[INFO\] (\[k8s://[^]]*\] )?(Engine k8s|Phase )' "${work}/${name}-cluster.log" | sed 's/^\[INFO\] /  /' >&2
  rows+=("$(printf '%-12s %10.1fs %10.1fs %7.2f   %s' "${name}" "${one}" "${spread}" "$(awk -v a="${one}" -v b="${spread}" 'BEGIN { print b / a }')" "${same}")")
  rows+=("             (${platforms})")
  while read -r node share; do
    echo "cluster-benchmark: ${name}: ${share} alone on ${node}" >&2
    alone="$(timed_build "${tree}" "${name}-alone-${node}" "${share}" -Dkube.engine="${cluster}?node=${node}")"
    rows+=("$(printf '             %s alone on %s: %.1fs' "${share}" "${node}" "${alone}")")
  done < <(sed -n 's/^\[INFO\] Engine k8s:\/\/[^?]*?node=\([^ ]*\) builds \(.*\)$/\1 \2/p' "${work}/${name}-cluster.log")
}

example="${work}/example-tree"
if [[ ! -d "${example}/.git" ]]; then
  mkdir -p "${example}"
  cp -a "${project}/src/it/fixture-tree/." "${example}/"
  (cd "${example}" && git init -q -b main && git add -A \
    && git -c user.name=benchmark -c user.email=benchmark@localhost commit -qm "example tree" && git tag v0.1.0)
fi
measure example "${example}" "linux/amd64 linux/arm64 windows/amd64"
if ! ${example_only}; then
  real="$(real_tree "${work}")"
  get_real_tree "${real}"
  measure kubernetes "${real}" "linux/amd64 linux/arm64 linux/ppc64le linux/s390x"
fi

echo
echo "kube:build cmd/kubectl, kube.cpus=1, cold; one engine: ${local_engine}; cluster: ${cluster} (${CLUSTER_VERSION}, two nodes)"
printf '%-12s %11s %11s %7s   %s\n' tree "one engine" "cluster" cluster/one kubectl
printf '%s\n' "${rows[@]}"
