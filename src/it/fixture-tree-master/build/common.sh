#!/usr/bin/env bash
# The example tree's dockerized build as Kubernetes master's build/common.sh runs it: no build image of its own, the
# kube-cross image run directly with the tree mounted at its GOPATH place, as the user (unless the engine is
# rootless), with the build's variables passed in; and the variables release packaging reads.
KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
source "${KUBE_ROOT}/hack/lib/init.sh"
LOCAL_OUTPUT_ROOT="${KUBE_ROOT}/${OUT_DIR:-_output}"
LOCAL_OUTPUT_BINPATH="${LOCAL_OUTPUT_ROOT}/dockerized/bin"
REMOTE_ROOT="/go/src/k8s.io/kubernetes"

KUBE_BASE_IMAGE_REGISTRY="${KUBE_BASE_IMAGE_REGISTRY:-registry.k8s.io/build-image}"
KUBE_CROSS_IMAGE="${KUBE_CROSS_IMAGE:-${KUBE_BASE_IMAGE_REGISTRY}/kube-cross}"
KUBE_CROSS_VERSION="${KUBE_CROSS_VERSION:-$(<"${KUBE_ROOT}/build/build-image/cross/VERSION")}"
KUBE_BUILD_SETCAP_IMAGE="${KUBE_BUILD_SETCAP_IMAGE:-kube-maven-plugin/server-base:1}"
KUBE_BUILD_WINDOWS="${KUBE_BUILD_WINDOWS:-n}"
KUBE_BUILD_PULL_LATEST_IMAGES="${KUBE_BUILD_PULL_LATEST_IMAGES:-y}"
KUBE_BUILD_CONFORMANCE="${KUBE_BUILD_CONFORMANCE:-n}"

kube::build::ensure_tar() {
  TAR=tar
}

# Runs a command in the kube-cross image with the tree mounted, as build/run.sh does on master.
kube::build::run_build_command() {
  local -a run=(docker run --rm --volume "${KUBE_ROOT}:${REMOTE_ROOT}" --workdir "${REMOTE_ROOT}"
    --env "KUBE_OUTPUT_SUBPATH=_output/dockerized" --env "KUBE_BUILD_PLATFORMS=${KUBE_BUILD_PLATFORMS:-}"
    --env "KUBE_FASTBUILD=${KUBE_FASTBUILD:-false}" --env "GOFLAGS=${GOFLAGS:-}" --env "GOTOOLCHAIN=${GOTOOLCHAIN:-}"
    --env "FORCE_HOST_GO=${FORCE_HOST_GO:-}" --env "SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-}")
  if ! docker info --format '{{json .SecurityOptions}}' | grep -q name=rootless; then
    run+=(--user "$(id -u):$(id -g)")
  fi
  "${run[@]}" "${KUBE_CROSS_IMAGE}:${KUBE_CROSS_VERSION}" "$@"
}

# Server binaries that also ship as images, as "<binary>,<base image>"; each base can be overridden.
kube::build::get_docker_wrapped_binaries() {
  echo "kube-apiserver,${KUBE_APISERVER_BASE_IMAGE:-kube-maven-plugin/server-base:1}"
  echo "kube-proxy,${KUBE_PROXY_BASE_IMAGE:-kube-maven-plugin/server-base:1}"
}
