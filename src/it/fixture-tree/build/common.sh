#!/usr/bin/env bash
# Variables of the example tree's dockerized build that release packaging reads, as Kubernetes' build/common.sh.
KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
source "${KUBE_ROOT}/hack/lib/init.sh"
LOCAL_OUTPUT_ROOT="${KUBE_ROOT}/${OUT_DIR:-_output}"
LOCAL_OUTPUT_BINPATH="${LOCAL_OUTPUT_ROOT}/dockerized/bin"

kube::build::ensure_tar() {
  TAR=tar
}

# Server binaries that also ship as images, as "<binary>,<base image>"; the base can be overridden like upstream's.
kube::build::get_docker_wrapped_binaries() {
  echo "kube-apiserver,${KUBE_APISERVER_BASE_IMAGE:-kube-maven-plugin/server-base:1}"
}
