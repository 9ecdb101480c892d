#!/usr/bin/env bash
# Command tests of the example tree's kubectl, one group a function.

run_describe_tests() {
  local out
  out="$("${KUBECTL}")"
  [[ "${out}" == "kubectl: pod default/example, config cluster-info" ]] || { echo "unexpected output: ${out}"; return 1; }
  echo "describe: command tests passed"
}

run_version_tests() {
  "${KUBECTL}" version | grep -q '^Client Version:' || { echo "kubectl version names no client version"; return 1; }
  echo "version: command tests passed"
}
