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
# --real-only leaves the example tree out; --shares-only times each node's share alone, as an earlier run of the script
# in the same WORK_DIR split the platforms, without timing one engine and the cluster again.
#
#   scripts/bench/cluster.sh [--example-only|--real-only] [--no-shares-alone|--shares-only] [WORK_DIR]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/real-tree.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/cold-builds.sh"
bench_name=cluster-benchmark
example_only=false
real_only=false
shares_alone=true
shares_only=false
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --example-only) example_only=true ;;
    --real-only) real_only=true ;;
    --no-shares-alone) shares_alone=false ;;
    --shares-only) shares_only=true ;;
    *) echo "usage: $0 [--example-only|--real-only] [--no-shares-alone|--shares-only] [WORK_DIR]" >&2; exit 2 ;;
  esac
  shift
done
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
clean_properties=(-Dkube.engine="${cluster}")

rows=()
measure() {
  local name="$1" tree="$2" platforms="$3" one spread same count node share alone
  count="$(wc -w <<<"${platforms}")"
  if ${shares_only}; then
    [[ -f "${work}/${name}-cluster.log" ]] || { echo "cluster-benchmark: no earlier cluster run of ${name} in ${work}" >&2; exit 1; }
    rows+=("${name}: each node's share alone, as ${work}/${name}-cluster.log split ${platforms}")
  else
    echo "cluster-benchmark: ${name}: ${platforms} on one engine" >&2
    one="$(timed_cold_build "${tree}" "${name}-one" "${platforms}" -Dkube.dockerHost="${local_engine}")"
    echo "cluster-benchmark: ${name}: ${platforms} on the cluster's two nodes" >&2
    spread="$(timed_cold_build "${tree}" "${name}-cluster" "${platforms}" -Dkube.engine="${cluster}")"
    same="$(same_kubectl "${name}-one" "${name}-cluster" "${count}")"
    echo "cluster-benchmark: ${name}: where the cluster run's time went" >&2
    grep -E '^\[INFO\] (\[k8s://[^]]*\] )?(Engine k8s|Phase )' "${work}/${name}-cluster.log" | sed 's/^\[INFO\] /  /' >&2
    rows+=("$(comparison_row "${name}" "${one}" "${spread}" "${same}")")
    rows+=("             (${platforms})")
  fi
  ${shares_alone} || ${shares_only} || return 0
  while read -r node share; do
    echo "cluster-benchmark: ${name}: ${share} alone on ${node}" >&2
    alone="$(timed_cold_build "${tree}" "${name}-alone-${node}" "${share}" -Dkube.engine="${cluster}?node=${node}")"
    rows+=("$(printf '             %s alone on %s: %.1fs' "${share}" "${node}" "${alone}")")
  done < <(sed -n 's/^\[INFO\] Engine k8s:\/\/[^?]*?node=\([^ ]*\) builds \(.*\)$/\1 \2/p' "${work}/${name}-cluster.log")
}

measure_both_trees

echo
echo "kube:build cmd/kubectl, kube.cpus=1, cold; one engine: ${local_engine}; cluster: ${cluster} (${CLUSTER_VERSION}, two nodes)"
printf '%-12s %11s %11s %7s   %s\n' tree "one engine" "cluster" cluster/one kubectl
printf '%s\n' "${rows[@]}"
