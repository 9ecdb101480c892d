#!/usr/bin/env bash
# Runs the integration tests under each Maven version given (default: the supported range's 3.6.3, the latest 3.9
# and 4.0.0-rc-5), each fetched once from Maven Central, with Maven's plugin validation at VERBOSE; fails on a failing
# test or on a validation issue of this plugin. Sets up and tears down what the tests need, as scripts/test.sh does.
#
#   scripts/maven/matrix.sh [--its "name,name"] [VERSION...]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
its=""
if [[ "${1:-}" == "--its" ]]; then
  its="$2"
  shift 2
fi
versions=("$@")
((${#versions[@]})) || versions=(3.6.3 3.9.16 4.0.0-rc-5)
KUBE_MATRIX_ONLY=1 KUBE_MAVENS="${versions[*]}" KUBE_MAVEN_ITS="${its}" exec "${project}/scripts/test.sh"
