#!/usr/bin/env bash
# Times kube:build against upstream's build/run.sh on Kubernetes 1.20.2, building cmd/kubectl for linux/amd64, in
# the scenarios below, run alternately on the same machine, each runner with trees and state of its own:
#   1. first build (the cross image present, nothing else)
#   2. nothing changed
#   3. 300 kubectl sources touched, content unchanged
#   4. a new branch (git checkout -b, same commit)
#   5. one kubectl source edited (committed on the new branch; its first build)
#   6. one API type changed under staging/src/k8s.io/api (committed on the new branch; the generated code the build
#      made again is committed after it, as a developer would)
#   7. another kubectl source edit on that branch, now built before
#   8. switch back (git checkout) to the branch built first
#   9. a second clone of the same commit, made after the first tree's builds, built for the first time
#  10. a git worktree of the first branch's commit (a new branch in a new folder), built for the first time
#  11. a fresh clone of the branch of scenarios 5-7, whose last commit another tree (the first) has built
# Each tree starts from the 1.20.2 source with its generated code as the build image's generators make it (see
# make_generated_patch below).
# Runners: upstream (build/run.sh), rsync (kube:build, default), bind (kube:build -Dkube.sync=bind),
# local (kube:build -Dkube.mode=local, the host's Go). The plugin's Maven runs with -Xmx128m.
# Prints wall times, ratios to upstream, the plugin's time outside make, and checks that every kubectl built equals
# the one a clean build of the same commit makes (scenarios 1-4 and 8-10 are one commit; 5, 6 and 7 get clean builds,
# and 11 is the commit of 7).
#
#   scripts/bench/build.sh [--runners "upstream rsync bind local"] [WORK_DIR]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/real-tree.sh"
runners=(upstream rsync)
if [[ "${1:-}" == "--runners" ]]; then
  read -r -a runners <<<"$2"
  shift 2
fi
work="${1:-/var/tmp/kube-maven-benchmark}"
results="${work}/results.tsv"
git_as_bench=(git -c user.name=benchmark -c user.email=benchmark@localhost)

setup_engine
install_plugin
mkdir -p "${work}"
: > "${results}"

tree_of() { real_tree "${work}/$1"; }
clone_of() { echo "${work}/$1/second-clone"; }
worktree_of() { echo "${work}/$1/worktree"; }
fresh_clone_of() { echo "${work}/$1/fresh-clone"; }
kubectl_in() {
  if [[ "$1" == local ]]; then echo "$2/_output/local/bin/linux/amd64/kubectl"
  else echo "$2/_output/dockerized/bin/linux/amd64/kubectl"; fi
}
plugin_flags() {
  case "$1" in
    rsync) echo "" ;;
    bind) echo "-Dkube.sync=bind" ;;
    local) echo "-Dkube.mode=local" ;;
  esac
}

upstream_hash() {
  (cd "$1" && echo -n "${HOSTNAME:-$(hostname)}:$(pwd -P):$(git symbolic-ref --short -q HEAD)" | md5sum | cut -c1-10)
}

# Removes all state a runner keeps for its trees, leaving the cross image: the next build starts from nothing.
# For the plugin that is every container, volume (the shared Go cache too) and image it made on the engine.
reset_runner() {
  local runner="$1" tree
  for tree in "$(tree_of "${runner}")" "$(clone_of "${runner}")" "$(worktree_of "${runner}")" "$(fresh_clone_of "${runner}")"; do
    [[ -d "${tree}" ]] || continue
    if [[ "${runner}" == upstream ]]; then
      (cd "${tree}" && build/make-clean.sh >/dev/null 2>&1 || true)
    else
      rm -rf "${tree}/_output"
    fi
  done
  if [[ "${runner}" == upstream ]]; then
    docker ps -aq --filter "name=^kube-build-" | xargs -r docker rm -f -v >/dev/null
    docker images --format '{{.Repository}}:{{.Tag}}' | grep "^kube-build:build-" | xargs -r docker rmi -f >/dev/null || true
  else
    docker ps -aq --filter "label=io.github.kubemaven.role" | xargs -r docker rm -f -v >/dev/null
    docker volume ls -q --filter "label=io.github.kubemaven.role" | xargs -r docker volume rm -f >/dev/null
    docker images -q --filter "label=io.github.kubemaven.role" | sort -u | xargs -r docker rmi -f >/dev/null || true
  fi
}

# Runs one build in a tree and appends "scenario runner seconds make_seconds sha256" to the results.
build_once() {
  local scenario="$1" runner="$2" tree="${3:-$(tree_of "$2")}" log start end make_seconds=""
  log="${work}/${runner}-${scenario}.log"
  start=$(date +%s.%N)
  if [[ "${runner}" == upstream ]]; then
    (cd "${tree}" && KUBE_BUILD_PLATFORMS=linux/amd64 build/run.sh make WHAT=cmd/kubectl) >"${log}" 2>&1
  else
    (cd "${tree}" && MAVEN_OPTS="-Xmx128m" "${project}/mvnw" -B "${plugin}:build" -Dkube.what=cmd/kubectl -Dkube.platforms=linux/amd64 \
      -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
      $(plugin_flags "${runner}")) >"${log}" 2>&1
    make_seconds="$(awk '/Phase command:/ { for (i = 1; i < NF; i++) if ($i == "command:") print $(i + 1) }' "${log}" | tail -n 1)"
  fi
  end=$(date +%s.%N)
  printf '%s\t%s\t%.1f\t%s\t%s\n' "${scenario}" "${runner}" "$(awk -v a="${start}" -v b="${end}" 'BEGIN {print b - a}')" "${make_seconds:-0}" \
    "$(sha256sum "$(kubectl_in "${runner}" "${tree}")" | cut -c1-16)" >> "${results}"
  tail -n 1 "${results}"
}

touch_kubectl_sources() {
  (cd "$1" && find staging/src/k8s.io/kubectl -name '*.go' | sort | head -n 300 | xargs touch)
}

# Appends an init function to kubectl.go and commits it; $2 names the scenario.
change_kubectl_source() {
  local file="$1/cmd/kubectl/kubectl.go"
  printf '\nfunc init() {\n\tif os.Getenv("KUBE_BENCHMARK_MARKER") == "%s" {\n\t\tos.Exit(5)\n\t}\n}\n' "$2" >> "${file}"
  (cd "$1" && "${git_as_bench[@]}" commit -qam "benchmark: kubectl source edited (scenario $2)")
}

change_api_type() {
  cat >> "$1/staging/src/k8s.io/api/core/v1/types.go" <<'GO'

// BenchmarkProbe is a type the benchmark adds so that the API's generated code must be made again.
type BenchmarkProbe struct {
	// Name of the probe.
	Name string `json:"name" protobuf:"bytes,1,opt,name=name"`
}
GO
  (cd "$1" && "${git_as_bench[@]}" commit -qam "benchmark: one API type added")
}

# The 1.20.2 tree's generated code was made with Go 1.15; the stand-in cross image has Go 1.19, whose gofmt adds a
# //go:build line to each generated file, so a first build rewrites ~470 tracked files and every branch switch
# afterwards changes them back. In a real checkout the generated code is what the tree's own toolchain makes: each
# tree gets one commit holding the generated code as the build image makes it, taken once from a plugin build into a
# new, empty volume (as a first build has) in a scratch clone and kept in WORK_DIR.
generated_patch="${work}/generated-code.patch"
make_generated_patch() {
  local source="$1" scratch="${work}/generated-code-tree"
  [[ -s "${generated_patch}" ]] && return
  rm -rf "${scratch}"
  git clone -q "${source}" "${scratch}"
  (cd "${scratch}" && git checkout -q -f "$(git rev-list --max-parents=0 HEAD)")
  (cd "${scratch}" && "${project}/mvnw" -B "${plugin}:build" -Dkube.what=cmd/kubectl -Dkube.platforms=linux/amd64 -Dkube.seed=none) \
    >"${work}/generated-code.log" 2>&1
  (cd "${scratch}" && git add -A && git diff --cached --binary) >"${generated_patch}.partial"
  mv "${generated_patch}.partial" "${generated_patch}"
  (cd "${scratch}" && "${project}/mvnw" -q -B "${plugin}:clean" >/dev/null 2>&1 || true)
  rm -rf "${scratch}"
  echo "== generated code as the build image makes it: $(grep -c '^diff --git' "${generated_patch}") files"
}

declare -A first_branch_of
for runner in "${runners[@]}"; do
  tree="$(tree_of "${runner}")"
  get_real_tree "${tree}" >/dev/null
  make_generated_patch "${tree}"
  first_branch_of[${runner}]=master
  rm -rf "$(clone_of "${runner}")" "$(worktree_of "${runner}")" "$(fresh_clone_of "${runner}")"
  git -C "${tree}" worktree prune
  (cd "${tree}" && git checkout -q -f "$(git rev-list --max-parents=0 HEAD)" && git checkout -q -B master && git clean -qfdx -e _output)
  (cd "${tree}" && git apply "${generated_patch}" && git add -A \
    && "${git_as_bench[@]}" commit -qm "benchmark: generated code as the build image's generators make it")
  (cd "${tree}" && git branch --format='%(refname:short)' | { grep -v '^master$' || true; } | xargs -r git branch -q -D)
  # Debian's tarball has group-writable files; a checkout writes what it changes with the umask's permissions, so a
  # switch would change the permissions of the files it touches. Every file is written by git, as in a clone.
  (cd "${tree}" && git ls-files -z | xargs -0 rm -f && git checkout -q -- .)
  reset_runner "${runner}"
done

echo "== 1. first build"
for runner in "${runners[@]}"; do build_once 1 "${runner}"; done
echo "== 2. nothing changed"
for runner in "${runners[@]}"; do build_once 2 "${runner}"; done
echo "== 3. 300 kubectl sources touched, content unchanged"
for runner in "${runners[@]}"; do touch_kubectl_sources "$(tree_of "${runner}")"; build_once 3 "${runner}"; done
echo "== 4. a new branch, same commit"
for runner in "${runners[@]}"; do (cd "$(tree_of "${runner}")" && git checkout -q -b bench-topic); build_once 4 "${runner}"; done
declare -A commit_of
# Makes a change with "$2 TREE $1" in each runner's tree, remembers the commit, builds.
change_and_build() {
  local scenario="$1" change="$2" runner
  for runner in "${runners[@]}"; do
    "${change}" "$(tree_of "${runner}")" "${scenario}"
    commit_of[${scenario}, ${runner}]="$(git -C "$(tree_of "${runner}")" rev-parse HEAD)"
    build_once "${scenario}" "${runner}"
  done
}
echo "== 5. one kubectl source edited"
change_and_build 5 change_kubectl_source
echo "== 6. one API type changed under staging/src/k8s.io/api"
change_and_build 6 change_api_type
regenerated=""
for runner in "${runners[@]}"; do
  if grep -q 'func (in \*BenchmarkProbe) DeepCopy' "$(tree_of "${runner}")/staging/src/k8s.io/api/core/v1/zz_generated.deepcopy.go" 2>/dev/null; then
    regenerated+="  ${runner}: yes"
  else
    regenerated+="  ${runner}: NO"
  fi
done
# the copy-back of both wrote the generated code made again into the tree; it goes with the type
for runner in "${runners[@]}"; do
  (cd "$(tree_of "${runner}")" && "${git_as_bench[@]}" commit -qam "benchmark: generated code for the API type")
done
echo "== 7. another kubectl source edit, on the branch built before"
change_and_build 7 change_kubectl_source
echo "== 8. switch back to the branch built first"
for runner in "${runners[@]}"; do (cd "$(tree_of "${runner}")" && git checkout -q "${first_branch_of[${runner}]}"); build_once 8 "${runner}"; done
echo "== 9. a second clone of the same commit"
for runner in "${runners[@]}"; do
  git clone -q "$(tree_of "${runner}")" "$(clone_of "${runner}")"
  build_once 9 "${runner}" "$(clone_of "${runner}")"
done
echo "== 10. a worktree of the first branch's commit"
for runner in "${runners[@]}"; do
  git -C "$(tree_of "${runner}")" worktree add -q -b bench-worktree "$(worktree_of "${runner}")" "${first_branch_of[${runner}]}"
  build_once 10 "${runner}" "$(worktree_of "${runner}")"
done
echo "== 11. a fresh clone of the branch whose last commit scenario 7 built"
for runner in "${runners[@]}"; do
  git clone -q --branch bench-topic "$(tree_of "${runner}")" "$(fresh_clone_of "${runner}")"
  build_once 11 "${runner}" "$(fresh_clone_of "${runner}")"
done

echo "== clean builds of the commits of scenarios 5, 6 and 7, for the byte-for-byte check"
for runner in "${runners[@]}"; do
  [[ "${runner}" == upstream ]] && continue
  tree="$(tree_of "${runner}")"
  for scenario in 5 6 7; do
    (cd "${tree}" && git checkout -q -f "${commit_of[${scenario}, ${runner}]}" && git clean -qfdx -e _output)
    reset_runner "${runner}"
    build_once "clean${scenario}" "${runner}" >/dev/null
  done
done

echo
echo "== scenario 6 made the API's generated deepcopy again (BenchmarkProbe.DeepCopy present):${regenerated}"
echo "== results (seconds of wall time, Maven start included; ratio = runner / upstream)"
awk -F'\t' '
  { wall[$1, $2] = $3; make[$1, $2] = $4; sha[$1, $2] = $5; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
  END {
    names[1] = "first build"; names[2] = "nothing changed"; names[3] = "300 sources touched"; names[4] = "new branch"
    names[5] = "kubectl edit, new branch"; names[6] = "API type changed"; names[7] = "kubectl edit, built branch"
    names[8] = "switch back"; names[9] = "second clone"; names[10] = "worktree"; names[11] = "fresh clone, topic branch"
    printf "%-30s", "scenario"
    for (i = 1; i <= n; i++) printf "%18s", order[i]
    printf "\n"
    for (s = 1; s <= 11; s++) {
      printf "%-30s", s ". " names[s]
      for (i = 1; i <= n; i++) {
        r = order[i]
        if (r == "upstream" || !((s, "upstream") in wall)) printf "%17.1fs", wall[s, r]
        else printf "%10.1fs %5.2fx", wall[s, r], wall[s, r] / wall[s, "upstream"]
      }
      printf "\n"
    }
    print ""
    print "plugin time outside make (wall - Phase command), Maven start included:"
    for (s = 2; s <= 11; s++) for (i = 1; i <= n; i++) { r = order[i]; if (r != "upstream" && r != "local") printf "  scenario %d %-6s %5.1f s\n", s, r, wall[s, r] - make[s, r] }
    print ""
    print "kubectl sha256 (first 16 hex) against a clean build of the same commit (s1 for 1-4 and 8-10, clean7 for 11):"
    for (i = 1; i <= n; i++) {
      r = order[i]; if (r == "upstream") continue
      same = (sha[2, r] == sha[1, r] && sha[3, r] == sha[1, r] && sha[4, r] == sha[1, r] && sha[8, r] == sha[1, r] && sha[9, r] == sha[1, r] \
        && sha[10, r] == sha[1, r] && sha[5, r] == sha["clean5", r] && sha[6, r] == sha["clean6", r] && sha[7, r] == sha["clean7", r] \
        && sha[11, r] == sha["clean7", r])
      printf "  %-6s s1 %s  s2 %s  s3 %s  s4 %s  s8 %s  s9 %s  s10 %s\n", r, sha[1, r], sha[2, r], sha[3, r], sha[4, r], sha[8, r], sha[9, r], sha[10, r]
      printf "  %-6s s5 %s  clean5 %s  s6 %s  clean6 %s  s7 %s  s11 %s  clean7 %s  %s\n", "", sha[5, r], sha["clean5", r], sha[6, r],
        sha["clean6", r], sha[7, r], sha[11, r], sha["clean7", r], same ? "IDENTICAL" : "DIFFERENT"
    }
  }' "${results}"
