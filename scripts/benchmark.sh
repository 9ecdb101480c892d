#!/usr/bin/env bash
# Times kube:build against upstream's build/run.sh on Kubernetes 1.20.2, building cmd/kubectl for linux/amd64,
# in four scenarios run alternately on the same machine, each runner with a tree and state of its own:
#   1. first build (the cross image present, nothing else)   2. nothing changed
#   3. one kubectl source file changed                       4. one API type changed under staging/src/k8s.io/api
# Runners: upstream (build/run.sh), rsync (kube:build, default), bind (kube:build -Dkube.sync=bind),
# local (kube:build -Dkube.mode=local, the host's Go). Prints wall times, ratios to upstream, the plugin's time
# outside make, and checks that each fast-path kubectl equals a clean kube:build of the same tree.
#
#   scripts/benchmark.sh [--runners "upstream rsync bind local"] [WORK_DIR]
set -euo pipefail

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runners=(upstream rsync bind local)
if [[ "${1:-}" == "--runners" ]]; then
  read -r -a runners <<<"$2"
  shift 2
fi
work="${1:-/var/tmp/kube-maven-benchmark}"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "${project}/pom.xml" | head -n 1)"
plugin="io.github.kubemaven:kube-maven-plugin:${version}"
results="${work}/results.tsv"

"${project}/scripts/setup-engine.sh"
(cd "${project}" && mvn -q -B install -DskipTests -Dinvoker.skip)
mkdir -p "${work}"
: > "${results}"

tree_of() { echo "${work}/$1/kubernetes-1.20.2"; }
kubectl_of() {
  if [[ "$1" == local ]]; then echo "$(tree_of "$1")/_output/local/bin/linux/amd64/kubectl"
  else echo "$(tree_of "$1")/_output/dockerized/bin/linux/amd64/kubectl"; fi
}
plugin_flags() {
  case "$1" in
    rsync) echo "" ;;
    bind) echo "-Dkube.sync=bind" ;;
    local) echo "-Dkube.mode=local" ;;
  esac
}

# Removes all state a runner keeps, leaving the cross image: the first build starts from nothing.
reset_runner() {
  local runner="$1" tree
  tree="$(tree_of "${runner}")"
  if [[ "${runner}" == upstream ]]; then
    (cd "${tree}" && build/make-clean.sh >/dev/null 2>&1 || true)
    local hash
    hash="$(cd "${tree}" && echo -n "${HOSTNAME:-$(hostname)}:$(pwd -P):$(git symbolic-ref --short -q HEAD)" | md5sum | cut -c1-10)"
    docker ps -aq --filter "name=kube-.*-${hash}-" | xargs -r docker rm -f -v >/dev/null
    docker images --format '{{.Repository}}:{{.Tag}}' | grep "^kube-build:build-${hash}-" | xargs -r docker rmi -f >/dev/null || true
  else
    (cd "${tree}" && mvn -q -B "${plugin}:clean" $(plugin_flags "${runner}") >/dev/null)
    rm -rf "${tree}/_output"
  fi
}

# Runs one build and appends "scenario runner seconds make_seconds sha256" to the results.
build_once() {
  local scenario="$1" runner="$2" tree log start end make_seconds=""
  tree="$(tree_of "${runner}")"
  log="${work}/${runner}-${scenario}.log"
  start=$(date +%s.%N)
  if [[ "${runner}" == upstream ]]; then
    (cd "${tree}" && KUBE_BUILD_PLATFORMS=linux/amd64 build/run.sh make WHAT=cmd/kubectl) >"${log}" 2>&1
  else
    (cd "${tree}" && mvn -B "${plugin}:build" -Dkube.what=cmd/kubectl -Dkube.platforms=linux/amd64 $(plugin_flags "${runner}")) >"${log}" 2>&1
    make_seconds="$(awk '/Phase command:/ {print $4}' "${log}" | tail -n 1)"
  fi
  end=$(date +%s.%N)
  printf '%s\t%s\t%.1f\t%s\t%s\n' "${scenario}" "${runner}" "$(awk -v a="${start}" -v b="${end}" 'BEGIN {print b - a}')" "${make_seconds:-0}" \
    "$(sha256sum "$(kubectl_of "${runner}")" | cut -c1-16)" >> "${results}"
  tail -n 1 "${results}"
}

change_kubectl_source() {
  local file="$1/cmd/kubectl/kubectl.go"
  grep -q 'KUBE_BENCHMARK_MARKER' "${file}" \
    || printf '\nfunc init() {\n\tif os.Getenv("KUBE_BENCHMARK_MARKER") == "scenario 3" {\n\t\tos.Exit(3)\n\t}\n}\n' >> "${file}"
}

change_api_type() {
  local file="$1/staging/src/k8s.io/api/core/v1/types.go"
  grep -q 'BenchmarkProbe' "${file}" || cat >> "${file}" <<'GO'

// BenchmarkProbe is a type the benchmark adds so that the API's generated code must be made again.
type BenchmarkProbe struct {
	// Name of the probe.
	Name string `json:"name" protobuf:"bytes,1,opt,name=name"`
}
GO
}

undo_api_type() {
  (cd "$1" && git checkout -q -- staging/src/k8s.io/api/core/v1/types.go)
}

for runner in "${runners[@]}"; do
  "${project}/scripts/get-kubernetes-source.sh" "$(tree_of "${runner}")" >/dev/null
  (cd "$(tree_of "${runner}")" && git checkout -q -- . && git clean -qfdx -e _output)
  reset_runner "${runner}"
done

echo "== scenario 1: first build"
for runner in "${runners[@]}"; do build_once 1 "${runner}"; done
echo "== scenario 2: nothing changed"
for runner in "${runners[@]}"; do build_once 2 "${runner}"; done
echo "== scenario 3: one kubectl source file changed"
for runner in "${runners[@]}"; do change_kubectl_source "$(tree_of "${runner}")"; build_once 3 "${runner}"; done
echo "== scenario 4: one API type changed under staging/src/k8s.io/api"
for runner in "${runners[@]}"; do change_api_type "$(tree_of "${runner}")"; build_once 4 "${runner}"; done
regenerated=""
for runner in "${runners[@]}"; do
  if grep -q 'func (in \*BenchmarkProbe) DeepCopy' "$(tree_of "${runner}")/staging/src/k8s.io/api/core/v1/zz_generated.deepcopy.go"; then
    regenerated+="  ${runner}: yes"
  else
    regenerated+="  ${runner}: NO"
  fi
done

echo "== clean builds of the same trees, for the byte-for-byte check"
for runner in "${runners[@]}"; do
  [[ "${runner}" == upstream ]] && continue
  tree="$(tree_of "${runner}")"
  undo_api_type "${tree}"
  reset_runner "${runner}"
  build_once clean3 "${runner}" >/dev/null
  change_api_type "${tree}"
  reset_runner "${runner}"
  build_once clean4 "${runner}" >/dev/null
done

echo
echo "== scenario 4 made the API's generated deepcopy again (BenchmarkProbe.DeepCopy present):${regenerated}"
echo "== results (seconds of wall time, Maven start included; ratio = runner / upstream)"
awk -F'\t' '
  { wall[$1, $2] = $3; make[$1, $2] = $4; sha[$1, $2] = $5; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
  END {
    names[1] = "first build"; names[2] = "nothing changed"; names[3] = "kubectl source changed"; names[4] = "API type changed"
    printf "%-24s", "scenario"
    for (i = 1; i <= n; i++) printf "%18s", order[i]
    printf "\n"
    for (s = 1; s <= 4; s++) {
      printf "%-24s", s ". " names[s]
      for (i = 1; i <= n; i++) {
        r = order[i]
        if (r == "upstream" || !((s, "upstream") in wall)) printf "%17.1fs", wall[s, r]
        else printf "%10.1fs %5.2fx", wall[s, r], wall[s, r] / wall[s, "upstream"]
      }
      printf "\n"
    }
    print ""
    print "plugin time outside make (wall - Phase command):"
    for (s = 2; s <= 3; s++) for (i = 1; i <= n; i++) { r = order[i]; if (r != "upstream" && r != "local") printf "  scenario %d %-6s %5.1f s\n", s, r, wall[s, r] - make[s, r] }
    print ""
    print "kubectl sha256 (first 16 hex): fast path vs clean build of the same tree"
    for (i = 1; i <= n; i++) {
      r = order[i]; if (r == "upstream") continue
      printf "  %-6s s1 %s  s2 %s  s3 %s  clean3 %s  s4 %s  clean4 %s  %s\n", r, sha[1, r], sha[2, r], sha[3, r], sha["clean3", r], sha[4, r], sha["clean4", r],
        (sha[2, r] == sha[1, r] && sha[3, r] == sha["clean3", r] && sha[4, r] == sha["clean4", r]) ? "IDENTICAL" : "DIFFERENT"
    }
  }' "${results}"
