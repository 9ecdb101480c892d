#!/usr/bin/env bash
# Runs the example tree's integration tests as Kubernetes 1.29-1.34's hack/make-rules/test-integration.sh does: through
# make test, over every folder of test/integration that holds tests (or WHAT), with -short unless SHORT says
# otherwise and KUBE_TEST_ARGS added. Upstream's also starts an etcd first; the example's tests need none.
set -o errexit -o nounset -o pipefail
KUBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
source "${KUBE_ROOT}/hack/lib/init.sh"
cd "${KUBE_ROOT}"

integration_folders() {
  find test/integration -name '*_test.go' -print0 | xargs -0 -n1 dirname | LC_ALL=C sort -u
}

what="${WHAT:-$(integration_folders | paste -sd' ' -)}"
echo "Running integration test cases"
make -C "${KUBE_ROOT}" test WHAT="${what}" KUBE_TEST_ARGS="${SHORT:--short=true} ${KUBE_TEST_ARGS:-}" KUBE_RACE=""
