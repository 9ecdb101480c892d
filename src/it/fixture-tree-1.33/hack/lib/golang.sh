#!/usr/bin/env bash
# What the example tree builds, for which platforms and with which Go, under the names Kubernetes 1.29-1.34's
# hack/lib/golang.sh uses.

KUBE_SUPPORTED_SERVER_PLATFORMS=(linux/amd64 linux/arm64 linux/s390x linux/ppc64le)
KUBE_SUPPORTED_NODE_PLATFORMS=(linux/amd64 linux/arm64 linux/s390x linux/ppc64le windows/amd64)
KUBE_SUPPORTED_CLIENT_PLATFORMS=(linux/amd64 linux/386 linux/arm linux/arm64 linux/s390x linux/ppc64le
  darwin/amd64 darwin/arm64 windows/amd64 windows/386 windows/arm64)
KUBE_SUPPORTED_TEST_PLATFORMS=(linux/amd64 linux/arm linux/arm64 linux/s390x linux/ppc64le
  darwin/amd64 darwin/arm64 windows/amd64 windows/arm64)

KUBE_SERVER_TARGETS=(cmd/kube-apiserver cmd/kube-proxy cmd/kubelet cmd/kubeadm)
KUBE_SERVER_BINARIES=("${KUBE_SERVER_TARGETS[@]##*/}")
KUBE_SERVER_IMAGE_TARGETS=(cmd/kube-apiserver cmd/kube-proxy)
KUBE_SERVER_IMAGE_BINARIES=("${KUBE_SERVER_IMAGE_TARGETS[@]##*/}")
KUBE_NODE_TARGETS=(cmd/kube-proxy cmd/kubeadm cmd/kubelet)
KUBE_NODE_BINARIES=("${KUBE_NODE_TARGETS[@]##*/}")
KUBE_NODE_BINARIES_WIN=("${KUBE_NODE_BINARIES[@]/%/.exe}")
KUBE_CLIENT_TARGETS=(cmd/kubectl)
KUBE_CLIENT_BINARIES=("${KUBE_CLIENT_TARGETS[@]##*/}")
KUBE_CLIENT_BINARIES_WIN=("${KUBE_CLIENT_BINARIES[@]/%/.exe}")
KUBE_TEST_TARGETS=(test/e2e/e2e.test)
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

# The Go the tree asks for: .go-version, through GOTOOLCHAIN, so that a go command of another version fetches
# exactly this one (and fails where it cannot); FORCE_HOST_GO takes whatever go is on the PATH.
kube::golang::setup_env() {
  GO_VERSION="${GO_VERSION:-$(<"${KUBE_ROOT}/.go-version")}"
  if [[ -n "${FORCE_HOST_GO:-}" ]]; then
    export GOTOOLCHAIN=local
  else
    export GOTOOLCHAIN="go${GO_VERSION}"
  fi
  export GO_VERSION GOPROXY="${GOPROXY:-off}" GOFLAGS="${GOFLAGS:-}" CGO_ENABLED=0
  export GOCACHE="${KUBE_OUTPUT}/go/cache"
  local have
  have="$(go env GOVERSION)" || {
    echo "!!! go ${GO_VERSION} is needed (GOTOOLCHAIN=${GOTOOLCHAIN}) and could not be had: set FORCE_HOST_GO=y to use $(GOTOOLCHAIN=local go env GOVERSION)" >&2
    return 1
  }
  echo "+++ building with ${have}"
}

# The folder a WHAT entry builds from: test binaries (<dir>/<name>.test) from their folder.
kube::golang::target_folder() {
  local target="${1#./}"
  target="${target#k8s.io/kubernetes/}"
  if [[ "${target}" == *.test ]]; then
    dirname "${target}"
  else
    echo "${target%/}"
  fi
}
