# shellcheck shell=bash disable=SC2154
# Sourced after common.sh and real-tree.sh by the benchmarks that compare cold builds of cmd/kubectl for several
# platforms (bench/engines.sh, bench/cluster.sh). The caller sets work (the folder for logs), bench_name (the prefix
# of its lines), clean_properties (an array: what kube:clean needs to reach every engine the builds use) and
# example_only, and defines measure NAME TREE PLATFORMS.

# timed_cold_build TREE LABEL PLATFORMS PROPERTY...: kube:clean with clean_properties and kube.cleanCache=true, then
# kube:build of cmd/kubectl for PLATFORMS, every build container at kube.cpus=1 and no volume seeded, with the given
# properties; prints the wall time in seconds and keeps the log and the kubectl checksums in ${work} as LABEL.*.
timed_cold_build() {
  local tree="$1" label="$2" platforms="$3" start end
  shift 3
  (cd "${tree}" && "${project}/mvnw" -B -q "${plugin}:clean" "${clean_properties[@]}" -Dkube.cleanCache=true) </dev/null >/dev/null \
    || { echo "${bench_name}: kube:clean before ${label} failed" >&2; exit 1; }
  start=$(date +%s.%N)
  (cd "${tree}" && "${project}/mvnw" -B "${plugin}:build" -Dkube.what=cmd/kubectl -Dkube.platforms="${platforms}" \
    -Dkube.cpus=1 -Dkube.seed=none "$@") </dev/null >"${work}/${label}.log" 2>&1 \
    || { echo "${bench_name}: ${label} failed, see ${work}/${label}.log" >&2; tail -20 "${work}/${label}.log" >&2; exit 1; }
  end=$(date +%s.%N)
  (cd "${tree}" && sha256sum _output/dockerized/bin/*/*/kubectl*) >"${work}/${label}.sha256" \
    || { echo "${bench_name}: ${label} made no kubectl" >&2; exit 1; }
  awk -v s="${start}" -v e="${end}" 'BEGIN { printf "%.1f", e - s }'
}

# same_kubectl LABEL OTHER COUNT: whether both builds made the same COUNT kubectl binaries, as the table says it.
same_kubectl() {
  if cmp -s "${work}/$1.sha256" "${work}/$2.sha256" && [[ "$(wc -l <"${work}/$1.sha256")" == "$3" ]]; then
    echo "identical ($3 platforms)"
  else
    echo "DIFFERENT"
  fi
}

# comparison_row NAME SECONDS OTHER_SECONDS SAME: one row of the table, with the ratio OTHER/SECONDS.
comparison_row() {
  printf '%-12s %10.1fs %10.1fs %7.2f   %s' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN { print b / a }')" "$4"
}

# measure_both_trees: the caller's measure NAME TREE PLATFORMS on the example tree (its three platforms) unless real_only
# is true, then on real Kubernetes 1.20.2 (four Linux platforms) unless example_only is true.
measure_both_trees() {
  local example="${work}/example-tree" real
  if ! ${real_only:-false}; then
    get_example_tree "${example}"
    measure example "${example}" "linux/amd64 linux/arm64 windows/amd64"
  fi
  if ! ${example_only}; then
    real="$(real_tree "${work}")"
    get_real_tree "${real}"
    measure kubernetes "${real}" "linux/amd64 linux/arm64 linux/ppc64le linux/s390x"
  fi
}
