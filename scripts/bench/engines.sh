#!/usr/bin/env bash
# Times kube:build of cmd/kubectl for several platforms (real Kubernetes: linux/amd64, linux/arm64, linux/ppc64le and
# linux/s390x; the example tree: the three it builds) on one engine and spread over two (this machine's and the second
# engine in a network namespace of its own, over TCP+TLS), every build container limited to one CPU (kube.cpus=1) so
# that each engine stands for one machine. Every run starts cold: the
# tree's containers, volumes and images and the shared Go build caches are removed from both engines first, and no
# volume is seeded. Runs on the bundled example tree, then on real Kubernetes 1.20.2 (Debian's source); prints both
# wall times, the ratio two/one, and whether each platform's kubectl is the same byte for byte. The second engine and
# its network namespace are removed again at the end, however the run ends.
#
#   scripts/bench/engines.sh [--example-only] [WORK_DIR]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/real-tree.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/cold-builds.sh"
bench_name=engines-benchmark
example_only=false
if [[ "${1:-}" == "--example-only" ]]; then
  example_only=true
  shift
fi
work="${1:-/var/tmp/kube-maven-engines-benchmark}"
mkdir -p "${work}"

setup_engine
use_second_engine
install_plugin
export DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="${SECOND_ENGINE_CERT_PATH}"
local_engine="unix:///var/run/docker.sock"
both="${local_engine} ${SECOND_ENGINE_TCP}"
clean_properties=(-Dkube.engines="${both}")

rows=()
measure() {
  local name="$1" tree="$2" platforms="$3" one two same count
  count="$(wc -w <<<"${platforms}")"
  echo "engines-benchmark: ${name}: ${platforms} on one engine" >&2
  one="$(timed_cold_build "${tree}" "${name}-one" "${platforms}" "-Dkube.dockerHost=${local_engine}")"
  echo "engines-benchmark: ${name}: ${platforms} on two engines" >&2
  two="$(timed_cold_build "${tree}" "${name}-two" "${platforms}" "-Dkube.engines=${both}")"
  same="$(same_kubectl "${name}-one" "${name}-two" "${count}")"
  grep -E 'Engine .*: .* (built|failed) in' "${work}/${name}-two.log" | sed 's/^\[INFO\] /  /' >&2
  rows+=("$(comparison_row "${name}" "${one}" "${two}" "${same}")")
  rows+=("             (${platforms})")
}

measure_both_trees

echo
echo "kube:build cmd/kubectl, kube.cpus=1, cold; two engines: ${both}"
printf '%-12s %11s %11s %7s   %s\n' tree "one engine" "two engines" two/one kubectl
printf '%s\n' "${rows[@]}"
