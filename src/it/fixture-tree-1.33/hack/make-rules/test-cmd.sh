#!/usr/bin/env bash
# Runs the example tree's command tests: the groups named in WHAT (default every group), each a run_<group>_tests
# function of test/cmd.
set -o errexit -o nounset -o pipefail
KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
source "${KUBE_ROOT}/hack/lib/init.sh"
kube::golang::setup_env
export KUBECTL="${KUBE_OUTPUT}/go/bin/kubectl"
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
