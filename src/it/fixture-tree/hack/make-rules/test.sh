#!/usr/bin/env bash
# Runs the example tree's unit tests: the packages in WHAT (default ./pkg/...), with KUBE_TEST_ARGS,
# KUBE_RACE and KUBE_TIMEOUT as Kubernetes' hack/make-rules/test.sh reads them.
set -o errexit -o nounset -o pipefail
KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
export GOCACHE="${KUBE_ROOT}/${KUBE_OUTPUT_SUBPATH:-_output/local}/go/cache" GOPROXY=off CGO_ENABLED=0
packages=("$@")
[[ ${#packages[@]} -gt 0 ]] || packages=(./pkg/...)
cd "${KUBE_ROOT}"
# shellcheck disable=SC2086
go test ${KUBE_RACE:-} ${KUBE_TIMEOUT:---timeout=120s} "${packages[@]}" ${KUBE_TEST_ARGS:-}
