#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against a real Docker engine, a second engine in a network
# namespace of its own (over TCP+TLS, ssh and a docker context), Podman's Docker-compatible API and a two-node
# Kubernetes cluster (scripts/setup/cluster.sh). The cluster's binaries are built in the background beside the other
# tests on a machine's first run (niced, and cached), and the test that uses the cluster runs last and starts it.
# Installs and starts each of them, rsync and the base image first when they are missing. However the run ends, the
# second engine and the Podman service are stopped again, and the containers, volumes and images the tests made on
# the Docker engine are removed; what was there before the run stays.
# Without arguments (as CI runs it) it ends with a few integration tests under the oldest and the newest Maven of the
# supported range; scripts/maven/matrix.sh runs any set of them under any versions.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
role_label="io.github.kubemaven.role"
setup_engine

plugin_objects() {
  docker ps -aq --no-trunc --filter "label=${role_label}" | sed 's/^/container /'
  docker volume ls -q --filter "label=${role_label}" | sed 's/^/volume /'
  docker images -q --no-trunc --filter "label=${role_label}" | sort -u | sed 's/^/image /'
}
before="$(mktemp)"
plugin_objects | sort >"${before}"

remove_test_objects() {
  local kind id
  comm -13 "${before}" <(plugin_objects | sort) | sort -s -k1,1 | while read -r kind id; do
    case "${kind}" in
      container) docker rm -f -v "${id}" ;;
      volume) docker volume rm -f "${id}" ;;
      image) docker rmi -f "${id}" ;;
    esac >/dev/null 2>&1 || true
  done
  rm -f "${before}"
}

# The cluster's binaries take a machine's first run 11-25 minutes to build: that happens in the background, niced,
# while the other tests run; the cluster's own test, last of all, waits for it and starts the cluster.
cluster_setup=/var/lib/kube-maven-it/cluster-setup
cluster_pid=""
build_cluster_binaries() {
  mkdir -p "${cluster_setup}"
  rm -f "${cluster_setup}/status"
  (
    if nice -n 10 "${project}/scripts/setup/cluster.sh" --binaries >"${cluster_setup}/log" 2>&1; then
      echo ready >"${cluster_setup}/status.new"
    else
      echo "failed: scripts/setup/cluster.sh --binaries exited with $?; see ${cluster_setup}/log" >"${cluster_setup}/status.new"
    fi
    mv "${cluster_setup}/status.new" "${cluster_setup}/status"
  ) &
  cluster_pid=$!
}

# kill_tree PID: stops a process and every process it started.
kill_tree() {
  local child
  for child in $(pgrep -P "$1" || true); do kill_tree "${child}"; done
  kill "$1" 2>/dev/null || true
}

finish() {
  if [[ -n "${cluster_pid}" ]]; then
    [[ -f "${cluster_setup}/status" ]] || kill_tree "${cluster_pid}"
    wait "${cluster_pid}" 2>/dev/null || true
    "${project}/scripts/setup/cluster.sh" --stop || true
  fi
  "${project}/scripts/setup/second-engine.sh" --remove || true
  "${project}/scripts/setup/podman.sh" --stop || true
  remove_test_objects
}
trap finish EXIT
"${project}/scripts/setup/second-engine.sh"
"${project}/scripts/setup/podman.sh"
build_cluster_binaries
cd "${project}"

# Fails when the log of an integration test shows Maven's plugin validation finding an issue in this plugin.
check_plugin_validation() {
  local maven="$1" its="$2" logs=() found
  if [[ -n "${its}" ]]; then
    IFS=, read -r -a names <<<"${its}"
    for name in "${names[@]}"; do logs+=("target/it/${name}/build.log"); done
  else
    logs=(target/it/*/build.log)
  fi
  found="$(awk '/[Pp]lugin validation/ { on = 1 } on && /io\.github\.kubemaven:kube-maven-plugin/ { print FILENAME ": " $0 }' \
    "${logs[@]}" 2>/dev/null || true)"
  if [[ -n "${found}" ]]; then
    echo "test: ${maven} reports plugin validation issues of kube-maven-plugin:" >&2
    echo "${found}" >&2
    return 1
  fi
  echo "test: ${maven}: no plugin validation issue of kube-maven-plugin in ${#logs[@]} integration test logs"
}

# The integration tests start Maven hundreds of times, mostly for short runs: on 2 cores a JVM with the C1 compiler
# alone and the serial collector gets through them faster.
quick_start="-XX:TieredStopAtLevel=1"
[[ "${MAVEN_OPTS:-}" =~ -XX:\+Use[A-Za-z]*GC ]] || quick_start+=" -XX:+UseSerialGC"
export MAVEN_OPTS="${quick_start}${MAVEN_OPTS:+ ${MAVEN_OPTS}}"

# The whole suite under the wrapper's Maven; then the oldest and newest Maven of the supported range on a few
# integration tests (when called without arguments), or the versions and tests KUBE_MAVENS and KUBE_MAVEN_ITS name.
if [[ -z "${KUBE_MATRIX_ONLY:-}" ]]; then
  ./mvnw -B verify "$@"
  check_plugin_validation "the wrapper's Maven" "$(printf '%s\n' "$@" | sed -n 's/^-Dinvoker.test=//p')"
fi
if [[ -n "${KUBE_MAVENS+set}" ]]; then
  mavens="${KUBE_MAVENS}"
  matrix_its="${KUBE_MAVEN_ITS:-}"
elif (($# == 0)); then
  mavens="3.6.3 4.0.0-rc-5"
  matrix_its="${KUBE_MAVEN_ITS:-kube-packaging,bad-input-refused,interrupt-leaves-nothing-running,console-progress,property-typo-named}"
else
  mavens=""
fi
for version in ${mavens}; do
  home="$("${project}/scripts/maven/dist.sh" "${version}")"
  echo "test: integration tests${matrix_its:+ ${matrix_its}} under Maven ${version}"
  ./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dkube.it.mavenHome="${home}" \
    ${matrix_its:+"-Dinvoker.test=${matrix_its}"}
  check_plugin_validation "Maven ${version}" "${matrix_its}"
done
