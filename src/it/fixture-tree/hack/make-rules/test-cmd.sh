#!/usr/bin/env bash
# Runs the example tree's command tests: the groups named in WHAT (default every group), each a run_<group>_tests
# function of test/cmd, as Kubernetes' hack/make-rules/test-cmd.sh reads it.
set -o errexit -o nounset -o pipefail
KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
export GOCACHE="${KUBE_ROOT}/${KUBE_OUTPUT_SUBPATH:-_output/local}/go/cache" GOPROXY=off CGO_ENABLED=0
export KUBECTL="${KUBE_ROOT}/${KUBE_OUTPUT_SUBPATH:-_output/local}/go/bin/kubectl"
cd "${KUBE_ROOT}"
go build -o "${KUBECTL}" ./cmd/kubectl
for script in test/cmd/*.sh; do
  # shellcheck disable=SC1090
  source "${script}"
done
groups="${WHAT:-$(declare -F | sed -n 's/^declare -f run_\(.*\)_tests$/\1/p' | tr '\n' ' ')}"
for group in ${groups}; do
  echo "+++ command tests: ${group}"
  "run_${group}_tests"
done
echo "TESTS PASSED"
