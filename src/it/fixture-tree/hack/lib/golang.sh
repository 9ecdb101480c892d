#!/usr/bin/env bash
# What the example tree builds, for which platforms, under the names Kubernetes' hack/lib/golang.sh uses.

KUBE_SUPPORTED_SERVER_PLATFORMS=(linux/amd64 linux/arm64)
KUBE_SUPPORTED_NODE_PLATFORMS=(linux/amd64 linux/arm64 windows/amd64)
KUBE_SUPPORTED_CLIENT_PLATFORMS=(linux/amd64 linux/arm64 windows/amd64)
KUBE_SUPPORTED_TEST_PLATFORMS=(linux/amd64 linux/arm64)

KUBE_SERVER_TARGETS=(cmd/kube-apiserver cmd/kube-proxy cmd/kubelet)
KUBE_SERVER_BINARIES=("${KUBE_SERVER_TARGETS[@]##*/}")
KUBE_NODE_TARGETS=(cmd/kube-proxy cmd/kubelet)
KUBE_NODE_BINARIES=("${KUBE_NODE_TARGETS[@]##*/}")
KUBE_NODE_BINARIES_WIN=("${KUBE_NODE_BINARIES[@]/%/.exe}")
KUBE_CLIENT_TARGETS=(cmd/kubectl)
KUBE_CLIENT_BINARIES=("${KUBE_CLIENT_TARGETS[@]##*/}")
KUBE_CLIENT_BINARIES_WIN=("${KUBE_CLIENT_BINARIES[@]/%/.exe}")
KUBE_TEST_TARGETS=(cmd/e2e-runner)
KUBE_TEST_BINARIES=("${KUBE_TEST_TARGETS[@]##*/}")
KUBE_TEST_BINARIES_WIN=("${KUBE_TEST_BINARIES[@]/%/.exe}")
KUBE_TEST_PORTABLE=(test/e2e/testing-manifests hack/lib)

# KUBE_BUILD_PLATFORMS narrows every list to the platforms it names; KUBE_FASTBUILD keeps linux/amd64 only.
kube::golang::narrow() {
  local -n supported="$1"
  local platform
  for platform in "${supported[@]}"; do
    if [[ -n "${KUBE_BUILD_PLATFORMS:-}" ]]; then
      [[ " ${KUBE_BUILD_PLATFORMS} " == *" ${platform} "* ]] && echo "${platform}"
    elif [[ "${KUBE_FASTBUILD:-false}" == true ]]; then
      [[ "${platform}" == linux/amd64 ]] && echo "${platform}"
    else
      echo "${platform}"
    fi
  done
  return 0
}
mapfile -t KUBE_SERVER_PLATFORMS < <(kube::golang::narrow KUBE_SUPPORTED_SERVER_PLATFORMS)
mapfile -t KUBE_NODE_PLATFORMS < <(kube::golang::narrow KUBE_SUPPORTED_NODE_PLATFORMS)
mapfile -t KUBE_CLIENT_PLATFORMS < <(kube::golang::narrow KUBE_SUPPORTED_CLIENT_PLATFORMS)
mapfile -t KUBE_TEST_PLATFORMS < <(kube::golang::narrow KUBE_SUPPORTED_TEST_PLATFORMS)
