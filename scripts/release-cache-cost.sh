#!/usr/bin/env bash
# What a release's own empty Go build cache costs on real Kubernetes 1.20.2 (Debian's source package), linux/amd64:
# kube:package (make cross with a fresh cache) beside the same make cross built by kube:build with the shared
# cache, first cold and then warm. Prints the seconds of each run and the ratio of the release to the warm build.
#
#   scripts/release-cache-cost.sh [WORK_DIR]
set -euo pipefail

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/var/tmp/kube-maven-release-cache}"
tree="${work}/kubernetes-1.20.2"
plugin_version="$(sed -n "s:.*<version>\(.*\)</version>.*:\1:p" "${project}/pom.xml" | head -n 1)"
plugin="io.github.kubemaven:kube-maven-plugin:${plugin_version}"

"${project}/scripts/setup-engine.sh"
"${project}/scripts/get-kubernetes-source.sh" "${tree}"
(cd "${project}" && ./mvnw -q -B install -DskipTests -Dinvoker.skip)

timed() {
  local name="$1" start end
  shift
  start=$(date +%s.%N)
  (cd "${tree}" && mvn -B "$@" >"${work}/${name}.log" 2>&1) || { echo "${name} failed: see ${work}/${name}.log" >&2; exit 1; }
  end=$(date +%s.%N)
  seconds[${name}]=$(echo "${end} - ${start}" | bc)
  echo "${name}: ${seconds[${name}]} s"
}
declare -A seconds
common=(-Dkube.platforms=linux/amd64 -Dkube.seed=none)
timed release-fresh-cache "${plugin}:package" "${common[@]}" -Dkube.tarballs=client
timed shared-cache-cold "${plugin}:build" "${common[@]}" -Dkube.targets=cross -Dkube.force=true
timed shared-cache-warm "${plugin}:build" "${common[@]}" -Dkube.targets=cross -Dkube.force=true
echo "release with its own cache / developer build with the warm shared cache: $(echo "scale=2; ${seconds[release-fresh-cache]} / ${seconds[shared-cache-warm]}" | bc)"
grep -h "Phase command" "${work}"/release-fresh-cache.log "${work}"/shared-cache-*.log || true
