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

# kube:build from cold with the given engine parameter; prints the wall time in seconds, keeps log and checksums.
timed_build() {
  local tree="$1" label="$2" platforms="$3" engines="$4" start end
  (cd "${tree}" && "${project}/mvnw" -B -q "${plugin}:clean" -Dkube.engines="${both}" -Dkube.cleanCache=true) >/dev/null
  start=$(date +%s.%N)
  (cd "${tree}" && "${project}/mvnw" -B "${plugin}:build" -Dkube.what=cmd/kubectl -Dkube.platforms="${platforms}" \
    -Dkube.cpus=1 -Dkube.seed=none "${engines}") >"${work}/${label}.log" 2>&1 \
    || { echo "engines-benchmark: ${label} failed, see ${work}/${label}.log" >&2; tail -20 "${work}/${label}.log" >&2; exit 1; }
  end=$(date +%s.%N)
  (cd "${tree}" && sha256sum _output/dockerized/bin/*/*/kubectl*) >"${work}/${label}.sha256"
  awk -v s="${start}" -v e="${end}" 'BEGIN { printf "%.1f", e - s }'
}

rows=()
measure() {
  local name="$1" tree="$2" platforms="$3" one two same count
  count="$(wc -w <<<"${platforms}")"
  echo "engines-benchmark: ${name}: ${platforms} on one engine" >&2
  one="$(timed_build "${tree}" "${name}-one" "${platforms}" "-Dkube.dockerHost=${local_engine}")"
  echo "engines-benchmark: ${name}: ${platforms} on two engines" >&2
  two="$(timed_build "${tree}" "${name}-two" "${platforms}" "-Dkube.engines=${both}")"
  if cmp -s "${work}/${name}-one.sha256" "${work}/${name}-two.sha256" && [[ "$(wc -l <"${work}/${name}-one.sha256")" == "${count}" ]]; then
    same="identical (${count} platforms)"
  else
    same="DIFFERENT"
  fi
  grep -E 'Engine .*: .* (built|failed) in' "${work}/${name}-two.log" | sed 's/^\[INFO\] /  /' >&2
  rows+=("$(printf '%-12s %10.1fs %10.1fs %7.2f   %s' "${name}" "${one}" "${two}" "$(awk -v a="${one}" -v b="${two}" 'BEGIN { print b / a }')" "${same}")")
  rows+=("             (${platforms})")
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
echo "kube:build cmd/kubectl, kube.cpus=1, cold; two engines: ${both}"
printf '%-12s %11s %11s %7s   %s\n' tree "one engine" "two engines" two/one kubectl
printf '%s\n' "${rows[@]}"
