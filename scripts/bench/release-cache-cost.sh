#!/usr/bin/env bash
# What a release's own empty Go build cache costs on real Kubernetes 1.20.2 (Debian's source package), linux/amd64:
# kube:package (make cross with a fresh cache) beside the same make cross built by kube:build with the shared
# cache, first cold and then warm. Prints the seconds of each run and the ratio of the release to the warm build.
#
#   scripts/bench/release-cache-cost.sh [WORK_DIR]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/real-tree.sh"
work="${1:-/var/tmp/kube-maven-release-cache}"
tree="$(real_tree "${work}")"

setup_engine
get_real_tree "${tree}"
install_plugin

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
