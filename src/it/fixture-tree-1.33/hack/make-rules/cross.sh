#!/usr/bin/env bash
# Builds every group of the example tree for its platforms, as Kubernetes' make cross does.
set -o errexit -o nounset -o pipefail
KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
source "${KUBE_ROOT}/hack/lib/init.sh"

build_group() {
  local platforms="$1"
  shift
  [[ -n "${platforms}" ]] || return 0
  KUBE_BUILD_PLATFORMS="${platforms}" "${KUBE_ROOT}/hack/make-rules/build.sh" "$@"
}
build_group "${KUBE_SERVER_PLATFORMS[*]}" "${KUBE_SERVER_TARGETS[@]}"
build_group "${KUBE_NODE_PLATFORMS[*]}" "${KUBE_NODE_TARGETS[@]}"
build_group "${KUBE_CLIENT_PLATFORMS[*]}" "${KUBE_CLIENT_TARGETS[@]}"
build_group "${KUBE_TEST_PLATFORMS[*]}" "${KUBE_TEST_TARGETS[@]}"
