#!/usr/bin/env bash
# On real Kubernetes 1.20.2 (Debian's source package): compares the two ways rsync reaches the rsync container (a
# port published on 127.0.0.1, upstream's way, and an attached exec over the Engine API) on the local engine, for a
# sync into a fresh volume, a sync of one changed file and a copy-out of kubectl; then builds cmd/kubectl on the local
# engine and on the second engine of scripts/setup/second-engine.sh (another network namespace, over TCP+TLS) and
# checks that both give the same kubectl.
#
#   scripts/bench/transports.sh [WORK_DIR]
#
# REPEAT (default 3) sets how many times each transport measurement runs; the two transports take turns, and the
# summary gives each one's median. TRANSPORTS_ONLY=1 skips the two cold builds (the local build volume must hold
# kubectl from an earlier run).
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/real-tree.sh"
work="${1:-/var/tmp/kube-maven-engines}"
tree="$(real_tree "${work}")"
kubectl="_output/dockerized/bin/linux/amd64/kubectl"
edited="staging/src/k8s.io/kubectl/pkg/cmd/version/version.go"
results="${work}/results.txt"
repeat="${REPEAT:-3}"

setup_engine
use_second_engine
get_real_tree "${tree}"
install_plugin
mkdir -p "${work}"
if [[ -z "${TRANSPORTS_ONLY:-}" ]]; then
  : > "${results}"
fi
echo "== $(date -u +%FT%TZ), ${repeat} rounds" >> "${results}"

# Runs a goal in the tree with the given properties, logs to WORK/<name>.log, records the given phase's seconds.
goal() {
  local name="$1" phase="$2"
  shift 2
  local start
  start=$(date +%s.%N)
  (cd "${tree}" && "${project}/mvnw" -B "$@") > "${work}/${name}.log" 2>&1 || { tail -30 "${work}/${name}.log" >&2; exit 1; }
  local wall
  wall=$(echo "$(date +%s.%N) - ${start}" | bc)
  local seconds
  seconds=$(sed -n "s/.*Phase ${phase}: \([0-9.]*\) s.*/\1/p" "${work}/${name}.log" | tail -n 1)
  printf '%-40s %-10s %8s s   (wall %.1f s)\n' "${name}" "${phase}" "${seconds:-?}" "${wall}" | tee -a "${results}"
}

# The median of the recorded seconds of the measurements whose name starts with the given text.
median() {
  grep "^$1" "${results}" | awk '{ for (i = 1; i <= NF; i++) if ($i == "s") { print $(i - 1); break } }' | sort -n \
    | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

if [[ -z "${TRANSPORTS_ONLY:-}" ]]; then
  (cd "${tree}" && "${project}/mvnw" -q -B "${plugin}:clean" >/dev/null)
  goal "local engine: kubectl, cold" "total" "${plugin}:build" -Dkube.what=cmd/kubectl -Dkube.platforms=linux/amd64
fi
local_sum="$(sha256sum "${tree}/${kubectl}" | cut -d' ' -f1)"
for round in $(seq 1 "${repeat}"); do
  for transport in port api; do
    rm -rf "${tree}/_output/dockerized/bin"
    goal "${transport} copy out kubectl #${round}" "copy out" "${plugin}:copy-output" -Dkube.rsyncTransport="${transport}"
    [[ "$(sha256sum "${tree}/${kubectl}" | cut -d' ' -f1)" == "${local_sum}" ]] || { echo "FAIL: copy-out changed kubectl" >&2; exit 1; }
  done
done

if [[ -z "${TRANSPORTS_ONLY:-}" ]]; then
  DOCKER_HOST="${SECOND_ENGINE_TCP}" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="${SECOND_ENGINE_CERT_PATH}" \
    goal "second engine (TLS): kubectl, cold" "total" "${plugin}:build" -Dkube.what=cmd/kubectl -Dkube.platforms=linux/amd64
  grep -q "ID ${SECOND_ENGINE_ID}) at ${SECOND_ENGINE_TCP}" "${work}/second engine (TLS): kubectl, cold.log" \
    || { echo "FAIL: the build did not run on the second engine" >&2; exit 1; }
  remote_sum="$(sha256sum "${tree}/${kubectl}" | cut -d' ' -f1)"

  echo "kubectl sha256 local engine:  ${local_sum}" | tee -a "${results}"
  echo "kubectl sha256 second engine: ${remote_sum}" | tee -a "${results}"
  "${tree}/${kubectl}" version --client | tee -a "${results}"
  [[ "${local_sum}" == "${remote_sum}" ]] || { echo "FAIL: the engines built different kubectl binaries" >&2; exit 1; }
  echo "same kubectl on both engines" | tee -a "${results}"
fi

for round in $(seq 1 "${repeat}"); do
  for transport in port api; do
    (cd "${tree}" && "${project}/mvnw" -q -B "${plugin}:clean" >/dev/null)
    goal "${transport} fresh volume #${round}" "sync in" "${plugin}:run" -Dkube.command=true -Dkube.rsyncTransport="${transport}"
    echo "// touched" >> "${tree}/${edited}"
    goal "${transport} one changed file #${round}" "sync in" "${plugin}:run" -Dkube.command=true -Dkube.rsyncTransport="${transport}"
    (cd "${tree}" && git checkout -q -- "${edited}")
  done
done

{
  echo
  printf '%-28s %10s %10s\n' "median of ${repeat} (s)" port api
  for measure in "fresh volume" "one changed file" "copy out kubectl"; do
    printf '%-28s %10s %10s\n' "${measure}" "$(median "port ${measure}")" "$(median "api ${measure}")"
  done
  echo
} | tee -a "${results}"

