#!/usr/bin/env bash
# Helpers of the example tree's scripts, named as in Kubernetes' hack/lib/util.sh.

# Adds a command to what runs on a signal, keeping what already runs there.
kube::util::trap_add() {
  local command="$1" signal="$2" existing
  existing="$(trap -p "${signal}" | sed -E "s/^trap -- '(.*)' ${signal}\$/\1/")"
  # shellcheck disable=SC2064
  trap "${existing:+${existing}; }${command}" "${signal}"
}

# Fails unless the docker CLI has buildx, which the server images are built with.
kube::util::ensure-docker-buildx() {
  if ! docker buildx version >/dev/null 2>&1; then
    echo "!!! docker buildx is not available: install the buildx plugin to build the server images" >&2
    return 1
  fi
}
