#!/usr/bin/env bash
# Variables of the example tree's dockerized build that release packaging reads, as Kubernetes 1.29-1.34's
# build/common.sh.
KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
source "${KUBE_ROOT}/hack/lib/init.sh"
LOCAL_OUTPUT_ROOT="${KUBE_ROOT}/${OUT_DIR:-_output}"
LOCAL_OUTPUT_BINPATH="${LOCAL_OUTPUT_ROOT}/dockerized/bin"

KUBE_CROSS_IMAGE="${KUBE_CROSS_IMAGE:-registry.k8s.io/build-image/kube-cross}"
KUBE_CROSS_VERSION="${KUBE_CROSS_VERSION:-$(<"${KUBE_ROOT}/build/build-image/cross/VERSION")}"
KUBE_BASE_IMAGE_REGISTRY="${KUBE_BASE_IMAGE_REGISTRY:-registry.k8s.io/build-image}"
KUBE_BUILD_SETCAP_IMAGE="${KUBE_BUILD_SETCAP_IMAGE:-kube-maven-plugin/server-base:1}"
KUBE_BUILD_WINDOWS="${KUBE_BUILD_WINDOWS:-n}"
KUBE_BUILD_PULL_LATEST_IMAGES="${KUBE_BUILD_PULL_LATEST_IMAGES:-y}"
KUBE_BUILD_CONFORMANCE="${KUBE_BUILD_CONFORMANCE:-n}"

kube::build::ensure_tar() {
  TAR=tar
}

# Server binaries that also ship as images, as "<binary>,<base image>"; each base can be overridden.
kube::build::get_docker_wrapped_binaries() {
  echo "kube-apiserver,${KUBE_APISERVER_BASE_IMAGE:-kube-maven-plugin/server-base:1}"
  echo "kube-proxy,${KUBE_PROXY_BASE_IMAGE:-kube-maven-plugin/server-base:1}"
}
