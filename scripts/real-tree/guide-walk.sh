#!/usr/bin/env bash
# Walks the Kubernetes build guide on the real 1.20.2 tree of scripts/real-tree/kubectl.sh: each line once through
# upstream's scripts and once through the plugin, on the same tree, checks what each gives, and prints a table
# (line, upstream result and time, plugin result and time, same?). Every line can run alone; a line's row is kept
# in WORK/guide-walk.rows and the table shows every row kept. Exits non-zero when a line's check fails.
#
#   scripts/real-tree/guide-walk.sh [--work WORK] [--no-install] [--reuse-failed-upstream] [LINE...]
#   scripts/real-tree/guide-walk.sh [--work WORK] --table [OTHER_WORK...]
#
# --no-install uses the plugin as installed in the local repository, for a walk beside another one that uses it.
# --table prints the table of the rows kept in WORK and in the WORK folders named after it (a line run elsewhere).
# --reuse-failed-upstream takes an upstream step that failed in an earlier walk as it was, instead of running it again.
# LINE, in the default order: local-build quick clean darwin epoch proxy unit integration cmd tools cross
# (tools ends with make-clean and kube:clean, so it comes late; cross, the longest by far, comes last).
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/real-tree.sh"
work="${real_work}"
install=true
reuse_failed_upstream=false
table_only=false
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    --no-install) install=false; shift ;;
    --reuse-failed-upstream) reuse_failed_upstream=true; shift ;;
    --table) table_only=true; shift ;;
    *) echo "guide-walk: unknown option $1" >&2; exit 2 ;;
  esac
done
all_lines=(local-build quick clean darwin epoch proxy unit integration cmd tools cross)
lines=("$@")
((${#lines[@]})) || lines=("${all_lines[@]}")
for line in "${lines[@]}"; do
  ${table_only} || [[ " ${all_lines[*]} " == *" ${line} "* ]] || { echo "guide-walk: unknown line '${line}'; lines: ${all_lines[*]}" >&2; exit 2; }
done

tree="$(real_tree "${work}")"
logs="${work}/guide-walk-logs"
keep="${work}/guide-walk-results"
rows="${work}/guide-walk.rows"
host_go=/usr/lib/go-1.19/bin

# The table of every row kept in WORK and in the work folders given after it.
print_table() {
  echo
  echo "| guide line | upstream | time | plugin | time | same? |"
  echo "|---|---|---|---|---|---|"
  local line
  for line in "${all_lines[@]}"; do
    { cat "${rows}" "$@" 2>/dev/null | grep "^${line}"$'\t' | tail -n 1 || true; } \
      | awk -F'\t' '{printf "| %s | %s | %s s | %s | %s s | %s |\n", $1, $2, $3, $4, $5, $6}'
  done
}

if ${table_only}; then
  print_table "${@/%//guide-walk.rows}"
  exit 0
fi

setup_engine
get_real_tree "${tree}"
if ${install}; then
  install_plugin
fi
command -v tinyproxy >/dev/null 2>&1 && command -v readelf >/dev/null 2>&1 && command -v file >/dev/null 2>&1 \
  || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tinyproxy binutils file >/dev/null; }
mkdir -p "${logs}" "${keep}"
touch "${rows}"
epoch="$(git -C "${tree}" show -s --format=format:%ct HEAD)"
failed=()

# timed NAME [VARIABLE=VALUE...] COMMAND...: runs COMMAND (a program or a function of this script) in the tree with
# those variables exported, its output in LOGS/NAME.log; sets seconds and status.
timed() {
  local name="$1"
  shift
  local start
  if ${reuse_failed_upstream} && [[ "${name}" == upstream-* && -f "${logs}/${name}.result" ]]; then
    read -r status seconds <"${logs}/${name}.result"
    if ((status != 0)); then
      echo "== ${name}: failed in an earlier walk: exit ${status} after ${seconds} s (log: ${logs}/${name}.log)"
      return 0
    fi
  fi
  start=$(date +%s)
  echo "== ${name}: $*"
  set +e
  (
    cd "${tree}"
    while [[ "$1" =~ ^[A-Z_][A-Z0-9_]*= ]]; do
      export "${1?}"
      shift
    done
    "$@"
  ) >"${logs}/${name}.log" 2>&1 </dev/null
  status=$?
  set -e
  seconds=$(($(date +%s) - start))
  echo "${status} ${seconds}" >"${logs}/${name}.result"
  echo "   exit ${status} after ${seconds} s (log: ${logs}/${name}.log)"
}

# mvn_kube GOAL ARGS...: the plugin's goal in the tree, with the Maven wrapper of the project.
mvn_kube() {
  local goal="$1"
  shift
  "${project}/mvnw" -B "${plugin}:${goal}" "$@"
}

# row LINE UPSTREAM UPSTREAM_SECONDS PLUGIN PLUGIN_SECONDS SAME: records LINE's row, replacing an earlier one.
row() {
  local line="$1"
  grep -v "^${line}	" "${rows}" >"${rows}.new" || true
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"${rows}.new"
  mv "${rows}.new" "${rows}"
}

check() {
  local line="$1" what="$2"
  shift 2
  if ! "$@"; then
    echo "FAIL (${line}): ${what}" >&2
    failed+=("${line}: ${what}")
    return 1
  fi
}

outcomes() { # the ok/FAIL line of each tested package in a log, Maven's level prefix taken off
  sed -E 's/^\[(INFO|WARNING|ERROR)\] //' "$1" | grep -E '^(ok|FAIL)[[:space:]]+k8s\.io/' | awk '{print $1, $2}' | sort -u
}

# Files of the tree outside _output and .git, with size and modification time.
tree_listing() {
  (cd "${tree}" && find . \( -path ./_output -o -path ./.git \) -prune -o -type f -printf '%P %s %T@\n' | sort)
}

same_bytes() { cmp -s "$1" "$2" && echo yes || echo no; }

has_dwarf() { readelf -S "$1" | grep -q 'debug_info' && echo "DWARF" || echo "no DWARF"; }

gcflags_of() { "${host_go}/go" version -m "$1" | sed -n 's/.*-gcflags=//p' | head -n 1; }

engine_objects_of_tree() { # the plugin's containers, volumes and images for the tree hash $1
  {
    docker ps -a -q --filter "label=io.github.kubemaven.tree=$1"
    docker volume ls -q --filter "label=io.github.kubemaven.tree=$1"
    docker images -q --filter "label=io.github.kubemaven.tree=$1"
  } | sort -u
}

tree_hash_in() { grep -o 'kube-mvn-data-[0-9a-f]\{10\}' "$1" | head -n 1 | cut -d- -f4; }

line_local-build() {
  local built up up_dwarf pl pl_dwarf up_time pl_time
  built="${tree}/_output/local/go/bin/kubelet"
  rm -rf "${tree}/_output/local"
  timed upstream-local-build PATH="${host_go}:${PATH}" KUBE_BUILD_PLATFORMS=linux/amd64 SOURCE_DATE_EPOCH="${epoch}" \
    make all WHAT=cmd/kubelet GOFLAGS=-v GOGCFLAGS="-N -l"
  up_time=${seconds}
  check local-build "upstream's make all builds kubelet" test -x "${built}" || return 0
  cp "${built}" "${keep}/upstream-kubelet-local"
  timed upstream-local-build-goldflags PATH="${host_go}:${PATH}" KUBE_BUILD_PLATFORMS=linux/amd64 \
    SOURCE_DATE_EPOCH="${epoch}" make all WHAT=cmd/kubelet GOFLAGS=-v GOGCFLAGS="-N -l" GOLDFLAGS=
  cp "${built}" "${keep}/upstream-kubelet-local-goldflags"
  rm -rf "${tree}/_output/local"

  timed plugin-local-build PATH="${host_go}:${PATH}" mvn_kube build -Dkube.mode=local -Dkube.what=cmd/kubelet \
    -Dkube.platforms=linux/amd64 -Dkube.goflags=-v "-Dkube.gogcflags=-N -l"
  pl_time=${seconds}
  check local-build "kube:build -Dkube.mode=local builds kubelet" test -x "${built}" || return 0
  cp "${built}" "${keep}/plugin-kubelet-local"
  timed plugin-local-build-goldflags PATH="${host_go}:${PATH}" GOLDFLAGS= mvn_kube build -Dkube.mode=local \
    -Dkube.what=cmd/kubelet -Dkube.platforms=linux/amd64 -Dkube.goflags=-v "-Dkube.gogcflags=-N -l"
  cp "${built}" "${keep}/plugin-kubelet-local-goldflags"

  up="gcflags $(gcflags_of "${keep}/upstream-kubelet-local")"
  pl="gcflags $(gcflags_of "${keep}/plugin-kubelet-local")"
  up_dwarf="$(has_dwarf "${keep}/upstream-kubelet-local"), with GOLDFLAGS='' $(has_dwarf "${keep}/upstream-kubelet-local-goldflags")"
  pl_dwarf="$(has_dwarf "${keep}/plugin-kubelet-local"), with GOLDFLAGS='' $(has_dwarf "${keep}/plugin-kubelet-local-goldflags")"
  check local-build "kubelet compiled with -N -l" grep -q -- '-N -l' <<<"${pl}"
  check local-build "kubelet with GOLDFLAGS='' keeps DWARF" grep -q 'GOLDFLAGS.. DWARF' <<<"${pl_dwarf}"
  local same plain_same
  plain_same="$(same_bytes "${keep}/upstream-kubelet-local" "${keep}/plugin-kubelet-local")"
  same="$(same_bytes "${keep}/upstream-kubelet-local-goldflags" "${keep}/plugin-kubelet-local-goldflags")"
  check local-build "kubelet byte-identical to upstream's" test "${plain_same}/${same}" == yes/yes
  row local-build "kubelet; ${up}; ${up_dwarf}" "${up_time}" "kubelet; ${pl}; ${pl_dwarf}" "${pl_time}" \
    "bytes: ${plain_same}, with GOLDFLAGS='': ${same}"
}

line_quick() {
  local built="${tree}/cmd/kubelet/kubelet" up pl up_time pl_time same
  rm -f "${built}"
  timed upstream-quick bash -c "cd cmd/kubelet && PATH='${host_go}':\"\${PATH}\" go build -v"
  up_time=${seconds}
  if [[ -x "${built}" ]]; then
    up="cmd/kubelet/kubelet: $("${built}" --version)"
    mv "${built}" "${keep}/upstream-kubelet-quick"
  else
    up="fails: $(grep -m 1 '^go: ' "${logs}/upstream-quick.log" || tail -n 1 "${logs}/upstream-quick.log")"
  fi
  timed plugin-quick PATH="${host_go}:${PATH}" mvn_kube build -Dkube.quick=true -Dkube.what=cmd/kubelet
  pl_time=${seconds}
  check quick "kube.quick gives cmd/kubelet/kubelet" test -x "${built}" || return 0
  pl="cmd/kubelet/kubelet: $("${built}" --version)"
  mv "${built}" "${keep}/plugin-kubelet-quick"
  check quick "kubelet --version answers" grep -q 'Kubernetes v' <<<"${pl}"
  if [[ -f "${keep}/upstream-kubelet-quick" ]]; then
    same="bytes: $(same_bytes "${keep}/upstream-kubelet-quick" "${keep}/plugin-kubelet-quick")"
  else
    same="no: in module mode Go 1.19 refuses this go.mod; the plugin builds in GOPATH mode, as the tree's make does"
  fi
  row quick "${up}" "${up_time}" "${pl}" "${pl_time}" "${same}"
}

# What changed outside _output between two listings: "nothing else changed", or the paths removed, added and changed.
outside_output_changes() {
  local removed added changed
  removed="$(comm -23 <(cut -d' ' -f1 "$1") <(cut -d' ' -f1 "$2") | paste -sd' ' -)"
  added="$(comm -13 <(cut -d' ' -f1 "$1") <(cut -d' ' -f1 "$2") | paste -sd' ' -)"
  changed="$(comm -12 <(sort "$1") <(sort "$2") | wc -l)"
  changed=$(($(comm -12 <(cut -d' ' -f1 "$1") <(cut -d' ' -f1 "$2") | wc -l) - changed))
  if [[ -z "${removed}${added}" && ${changed} -eq 0 ]]; then
    echo "nothing else changed"
  else
    echo "outside _output${removed:+ removed ${removed}}${added:+ added ${added}}$( ((changed)) && echo " files changed: ${changed}")"
  fi
}

line_clean() {
  local up pl up_time pl_time
  mkdir -p "${tree}/_output/local/go/bin" && touch "${tree}/_output/local/go/bin/placeholder"
  tree_listing >"${logs}/clean-upstream-before.list"
  timed upstream-clean make clean
  up_time=${seconds}
  tree_listing >"${logs}/clean-upstream-after.list"
  up="$([[ -e "${tree}/_output" ]] && echo "_output still there" || echo "_output gone"); $(outside_output_changes "${logs}/clean-upstream-before.list" "${logs}/clean-upstream-after.list")"

  mkdir -p "${tree}/_output/local/go/bin" && touch "${tree}/_output/local/go/bin/placeholder"
  tree_listing >"${logs}/clean-plugin-before.list"
  timed plugin-clean mvn_kube clean -Dkube.mode=local
  pl_time=${seconds}
  tree_listing >"${logs}/clean-plugin-after.list"
  pl="$([[ -e "${tree}/_output" ]] && echo "_output still there" || echo "_output gone"); $(outside_output_changes "${logs}/clean-plugin-before.list" "${logs}/clean-plugin-after.list")"
  check clean "kube:clean removes _output and nothing else" test "${pl}" == "_output gone; nothing else changed"
  row clean "${up}" "${up_time}" "${pl}" "${pl_time}" \
    "$([[ "${up}" == "${pl}" ]] && echo yes || echo "no: kube:clean touches nothing outside _output, as asked")"
}

# The first error line of a failed build's log.
first_error() { sed -E 's/^\[(INFO|ERROR)\] //' "$1" | grep -m 1 -E '^[^ ]+\.go:[0-9]+:[0-9]+: ' | cut -c1-140; }

# darwin_kubectl NAME: what the step NAME left: the kubectl's format (kept as KEEP/NAME), or its first error.
darwin_kubectl() {
  local bin=_output/dockerized/bin/darwin/amd64/kubectl
  if [[ -f "${tree}/${bin}" ]]; then
    echo "${bin}: $(file -b "${tree}/${bin}" | cut -d, -f1)"
    mv "${tree}/${bin}" "${keep}/$1"
  else
    echo "fails: $(first_error "${logs}/$1.log")"
  fi
}

line_darwin() {
  local bin=_output/dockerized/bin/darwin/amd64/kubectl up pl pl_old_go up_time pl_time same
  rm -rf "${tree}/_output/dockerized/bin/darwin" "${keep}/upstream-darwin" "${keep}/plugin-darwin"
  timed upstream-darwin SOURCE_DATE_EPOCH="${epoch}" build/run.sh make kubectl KUBE_BUILD_PLATFORMS=darwin/amd64
  up_time=${seconds}
  up="$(darwin_kubectl upstream-darwin)"
  if [[ -f "${keep}/upstream-darwin" ]]; then
    timed plugin-darwin mvn_kube build -Dkube.targets=kubectl -Dkube.platforms=darwin/amd64
    pl_time=${seconds}
    pl="$(darwin_kubectl plugin-darwin)"
  else
    # not run again: the same make with the same compiler fails as upstream's did; the time goes to the Go 1.15 build
    pl="with the tree's image: not run, the same compiler as upstream's"
  fi
  # the Go of 1.20's own kube-cross (1.15), for where the stand-in's Go 1.19 cannot build the tree
  "${project}/scripts/setup/base-image.sh" --go-1.15 >/dev/null
  timed plugin-darwin-go-1.15 mvn_kube build -Dkube.targets=kubectl -Dkube.platforms=darwin/amd64 \
    -Dkube.crossImage=kube-maven-plugin/kube-cross -Dkube.crossTag=v1.15.15-1
  check darwin "kube:build with Go 1.15 gives a darwin/amd64 kubectl" test -f "${tree}/${bin}" || return 0
  pl_old_go="$(file -b "${tree}/${bin}" | cut -d, -f1)"
  check darwin "kubectl is a Mach-O x86-64 executable" grep -q 'Mach-O 64-bit x86_64 executable' <<<"${pl_old_go}"
  if [[ -f "${keep}/upstream-darwin" && -f "${keep}/plugin-darwin" ]]; then
    same="bytes: $(same_bytes "${keep}/upstream-darwin" "${keep}/plugin-darwin")"
  else
    same="no: upstream's image (Go 1.19 here, Go 1.15 in the real kube-cross) cannot build it; the plugin with Go 1.15 can"
  fi
  pl_time="${pl_time:-${seconds}}"
  row darwin "${up}" "${up_time}" "${pl}; with -Dkube.crossTag=v1.15.15-1 (Go 1.15): ${bin}: ${pl_old_go} (${seconds} s)" \
    "${pl_time}" "${same}"
}

line_epoch() {
  local bin=_output/dockerized/bin/linux/amd64/kubectl up pl up_time pl_time same
  rm -f "${tree}/${bin}"
  timed upstream-epoch SOURCE_DATE_EPOCH="${epoch}" KUBE_BUILD_PLATFORMS=linux/amd64 build/run.sh make WHAT=cmd/kubectl
  up_time=${seconds}
  check epoch "build/run.sh make WHAT=cmd/kubectl gives kubectl" test -x "${tree}/${bin}" || return 0
  up="$("${tree}/${bin}" version --client | grep -o 'BuildDate:"[^"]*"')"
  mv "${tree}/${bin}" "${keep}/upstream-kubectl-epoch"
  timed plugin-epoch mvn_kube build -Dkube.what=cmd/kubectl -Dkube.platforms=linux/amd64
  pl_time=${seconds}
  check epoch "kube:build gives kubectl" test -x "${tree}/${bin}" || return 0
  pl="$("${tree}/${bin}" version --client | grep -o 'BuildDate:"[^"]*"')"
  cp "${tree}/${bin}" "${keep}/plugin-kubectl-epoch"
  same="$(same_bytes "${keep}/upstream-kubectl-epoch" "${keep}/plugin-kubectl-epoch")"
  check epoch "kubectl byte-identical to upstream's at the commit's time" test "${same}" == yes
  row epoch "kubectl ${up} (SOURCE_DATE_EPOCH=${epoch})" "${up_time}" "kubectl ${pl} (the default)" "${pl_time}" "bytes: ${same}"
}

line_proxy() {
  local gateway proxy_port=18888 web_port=18080 up pl pl_settings up_time pl_time marker
  # the host's address on the engine's default bridge, where containers reach the host
  gateway="$(ip -4 -o addr show docker0 | awk '{print $4}' | cut -d/ -f1)"
  [[ -n "${gateway}" ]] || { check proxy "the host has an address on docker0" false; return 0; }
  marker="guide-walk-$(date +%s)"
  mkdir -p "${work}/proxy-web"
  for name in upstream plugin-env plugin-settings; do echo "${name}" >"${work}/proxy-web/${marker}-${name}"; done
  cat >"${work}/tinyproxy.conf" <<EOF
Port ${proxy_port}
Listen ${gateway}
Timeout 60
MaxClients 20
Allow 172.16.0.0/12
LogFile "${work}/tinyproxy.log"
LogLevel Info
EOF
  : >"${work}/tinyproxy.log"
  tinyproxy -d -c "${work}/tinyproxy.conf" >"${logs}/tinyproxy.out" 2>&1 &
  local proxy_pid=$!
  python3 -m http.server "${web_port}" --bind "${gateway}" --directory "${work}/proxy-web" >"${logs}/proxy-web.out" 2>&1 &
  local web_pid=$!
  sleep 2
  local proxy="http://${gateway}:${proxy_port}" url="http://${gateway}:${web_port}/${marker}"
  through_proxy() { grep -q "GET ${url}-$1 " "${work}/tinyproxy.log" && echo "went through the proxy" || echo "did not go through the proxy"; }

  timed upstream-proxy KUBERNETES_HTTP_PROXY="${proxy}" KUBERNETES_HTTPS_PROXY="${proxy}" KUBERNETES_NO_PROXY=127.0.0.1 \
    KUBE_RUN_COPY_OUTPUT=n build/run.sh curl -fsS "${url}-upstream"
  up_time=${seconds}
  up="curl exit ${status}, $(through_proxy upstream)"
  timed plugin-proxy-env KUBERNETES_HTTP_PROXY="${proxy}" KUBERNETES_HTTPS_PROXY="${proxy}" KUBERNETES_NO_PROXY=127.0.0.1 \
    mvn_kube run -Dkube.copyOutput=false "-Dkube.command=curl -fsS ${url}-plugin-env"
  pl_time=${seconds}
  pl="curl exit ${status}, $(through_proxy plugin-env)"
  cat >"${work}/proxy-settings.xml" <<EOF
<settings>
  <proxies>
    <proxy><id>guide</id><active>true</active><protocol>http</protocol><host>${gateway}</host><port>${proxy_port}</port></proxy>
  </proxies>
</settings>
EOF
  timed plugin-proxy-settings mvn_kube run -o -s "${work}/proxy-settings.xml" -Dkube.copyOutput=false \
    "-Dkube.command=curl -fsS ${url}-plugin-settings"
  pl_settings="curl exit ${status}, $(through_proxy plugin-settings)"
  kill "${proxy_pid}" "${web_pid}" 2>/dev/null || true
  check proxy "KUBERNETES_HTTP_PROXY carries the build container's request" test "${pl}" == "curl exit 0, went through the proxy"
  check proxy "settings.xml's proxy carries the build container's request" test "${pl_settings}" == "curl exit 0, went through the proxy"
  row proxy "KUBERNETES_HTTP_PROXY: ${up}" "${up_time}" "KUBERNETES_HTTP_PROXY: ${pl}; settings.xml: ${pl_settings}" "${pl_time}" \
    "$([[ "${up}" == "${pl}" ]] && echo yes || echo no)"
}

# test_line LINE UPSTREAM_MAKE_ARGS PLUGIN_ARGS: the same tests through build/run.sh and kube:test, package by package.
test_line() {
  local line="$1" up_args="$2"
  shift 2
  local up_time pl_time up_status pl_status
  # shellcheck disable=SC2086
  timed "upstream-${line}" KUBE_RUN_COPY_OUTPUT=n build/run.sh make ${up_args}
  up_time=${seconds}
  up_status=${status}
  outcomes "${logs}/upstream-${line}.log" >"${logs}/upstream-${line}.outcomes"
  timed "plugin-${line}" mvn_kube test -Dkube.copyOutput=false "$@"
  pl_time=${seconds}
  pl_status=${status}
  outcomes "${logs}/plugin-${line}.log" >"${logs}/plugin-${line}.outcomes"
  summary() { echo "exit $1: $(grep -c '^ok' "$2" || true) ok, $(grep -c '^FAIL' "$2" || true) FAIL"; }
  local same=no
  if diff -q "${logs}/upstream-${line}.outcomes" "${logs}/plugin-${line}.outcomes" >/dev/null \
    && (((up_status == 0) == (pl_status == 0))); then
    same=yes
  fi
  check "${line}" "the same outcome per package as upstream" test "${same}" == yes
  row "${line}" "$(summary "${up_status}" "${logs}/upstream-${line}.outcomes")" "${up_time}" \
    "$(summary "${pl_status}" "${logs}/plugin-${line}.outcomes")" "${pl_time}" "${same}"
}

line_unit() {
  test_line unit "test WHAT=./pkg/kubectl/..." -Dkube.what=./pkg/kubectl/...
}

line_integration() {
  test_line integration "test-integration WHAT=./test/integration/configmap" -Dkube.testTargets=test-integration \
    -Dkube.what=./test/integration/configmap
  check integration "the configmap integration tests pass" \
    grep -q 'ok[[:space:]]*k8s.io/kubernetes/test/integration/configmap' "${logs}/plugin-integration.outcomes"
}

line_cmd() {
  # WHAT names the groups of test/cmd (run_<group>_tests), as hack/make-rules/test-cmd.sh reads it
  test_line cmd "test-cmd WHAT=configmap" -Dkube.testTargets=test-cmd -Dkube.what=configmap
  local side
  for side in upstream plugin; do
    grep -q 'TESTS PASSED' "${logs}/${side}-cmd.log" \
      || echo "   ${side}'s test-cmd did not pass: $(grep -m 1 -E '^(\[INFO\] )?panic: ' "${logs}/${side}-cmd.log" | sed 's/^\[INFO\] //')"
  done
}

line_tools() {
  local up pl up_time pl_time up_hash pl_hash same
  # copy-output: build without copying back, then copy out into an empty _output/dockerized
  timed upstream-tools-build SOURCE_DATE_EPOCH="${epoch}" KUBE_BUILD_PLATFORMS=linux/amd64 KUBE_RUN_COPY_OUTPUT=n \
    build/run.sh make WHAT=cmd/kubectl
  rm -rf "${tree}/_output/dockerized"
  tree_listing >"${logs}/tools-upstream-before.list"
  timed upstream-copy-output build/copy-output.sh
  up_time=${seconds}
  tree_listing >"${logs}/tools-upstream-after.list"
  (cd "${tree}/_output/dockerized" && find . -type f | sort) >"${logs}/tools-upstream-output.list"
  rm -rf "${keep}/upstream-dockerized" && mv "${tree}/_output/dockerized" "${keep}/upstream-dockerized"

  timed plugin-tools-build mvn_kube build -Dkube.what=cmd/kubectl -Dkube.platforms=linux/amd64 -Dkube.copyOutput=false
  tree_listing >"${logs}/tools-plugin-before.list"
  timed plugin-copy-output mvn_kube copy-output
  pl_time=${seconds}
  tree_listing >"${logs}/tools-plugin-after.list"
  (cd "${tree}/_output/dockerized" && find . -type f | sort) >"${logs}/tools-plugin-output.list"
  same="$(diff -q "${logs}/tools-upstream-output.list" "${logs}/tools-plugin-output.list" >/dev/null && echo yes || echo no)"
  check tools "copy-output brings out the same files as upstream's" test "${same}" == yes
  up="copy-output: $(wc -l <"${logs}/tools-upstream-output.list") files under _output/dockerized, $(outside_output_changes "${logs}/tools-upstream-before.list" "${logs}/tools-upstream-after.list")"
  pl="copy-output: $(wc -l <"${logs}/tools-plugin-output.list") files under _output/dockerized, $(outside_output_changes "${logs}/tools-plugin-before.list" "${logs}/tools-plugin-after.list")"

  # shell: where it opens and as whom
  local script='echo "where=$(pwd) who=$(id -u):$(id -g)"; exit'
  timed upstream-shell bash -c "printf '%s\n' '${script}' | script -qefc build/shell.sh /dev/null"
  timed plugin-shell bash -c "printf '%s\n' '${script}' | '${project}/mvnw' -B '${plugin}:shell'"
  local up_shell pl_shell
  up_shell="$(grep -ao 'where=/[^ ]* who=[0-9]*:[0-9]*' "${logs}/upstream-shell.log" | tail -n 1)"
  pl_shell="$(grep -ao 'where=/[^ ]* who=[0-9]*:[0-9]*' "${logs}/plugin-shell.log" | tail -n 1)"
  check tools "kube:shell opens in the tree as the user" test "${pl_shell}" == "where=/go/src/k8s.io/kubernetes who=$(id -u):$(id -g)"

  # make-clean: nothing of the tree's left on the engine
  up_hash="$(grep -o 'kube-build-data-[0-9a-f]\{10\}' "${logs}/upstream-tools-build.log" | head -n 1 | cut -d- -f4 || true)"
  timed upstream-make-clean build/make-clean.sh
  local up_left pl_left
  up_left="$( { docker ps -a --format '{{.Names}}'; docker volume ls -q; docker images --format '{{.Repository}}:{{.Tag}}'; } \
    | grep -c -- "${up_hash:-no-hash-found}" || true)"
  pl_hash="$(tree_hash_in "${logs}/plugin-tools-build.log")"
  timed plugin-make-clean mvn_kube clean
  pl_left="$(engine_objects_of_tree "${pl_hash}" | grep -c . || true)"
  check tools "kube:clean leaves nothing of the tree on the engine" test "${pl_left}" == 0
  row tools "${up}; shell: ${up_shell}; make-clean: ${up_left} objects left" "${up_time}" \
    "${pl}; shell: ${pl_shell}; kube:clean: ${pl_left} objects left" "${pl_time}" \
    "$([[ "${same}" == yes && "${up_shell}" == "${pl_shell}" && "${pl_left}" == 0 ]] && echo yes || echo no)"
}

binary_formats() { # "platform/binary: format" for every file under DIR
  (cd "$1" && find . -type f | sort | while read -r f; do echo "${f#./} $(file -b "${f}" | cut -d, -f1,2)"; done)
}

line_cross() {
  local up_time pl_time same identical total
  rm -rf "${tree}/_output/dockerized/bin/linux"
  timed upstream-cross SOURCE_DATE_EPOCH="${epoch}" KUBE_BUILD_PLATFORMS="linux/amd64 linux/arm64" build/run.sh make cross
  up_time=${seconds}
  check cross "build/run.sh make cross succeeds" test "${status}" == 0 || return 0
  rm -rf "${keep}/upstream-cross" && mv "${tree}/_output/dockerized/bin/linux" "${keep}/upstream-cross"
  timed plugin-cross mvn_kube build -Dkube.targets=cross "-Dkube.platforms=linux/amd64 linux/arm64"
  pl_time=${seconds}
  check cross "kube:build -Dkube.targets=cross succeeds" test "${status}" == 0 || return 0
  rm -rf "${keep}/plugin-cross" && cp -a "${tree}/_output/dockerized/bin/linux" "${keep}/plugin-cross"
  binary_formats "${keep}/upstream-cross" >"${logs}/cross-upstream.formats"
  binary_formats "${keep}/plugin-cross" >"${logs}/cross-plugin.formats"
  same="$(diff -q "${logs}/cross-upstream.formats" "${logs}/cross-plugin.formats" >/dev/null && echo yes || echo no)"
  check cross "the same binaries in the same formats as upstream's" test "${same}" == yes
  check cross "every amd64 binary is x86-64 and every arm64 one aarch64" \
    test "$(grep -v -c -E '^amd64/.*x86-64|^arm64/.*aarch64' "${logs}/cross-plugin.formats" || true)" == 0
  total="$(wc -l <"${logs}/cross-plugin.formats")"
  identical="$(cd "${keep}/plugin-cross" && find . -type f | while read -r f; do cmp -s "${f}" "${keep}/upstream-cross/${f}" && echo "${f}"; done | wc -l)"
  row cross "$(wc -l <"${logs}/cross-upstream.formats") binaries (amd64 x86-64, arm64 aarch64)" "${up_time}" \
    "${total} binaries (amd64 x86-64, arm64 aarch64)" "${pl_time}" "file list and formats: ${same}; bytes: ${identical} of ${total} identical"
}

for line in "${lines[@]}"; do
  # called in a condition, so that one line's failed check leaves the other lines to run
  "line_${line}" || true
done

print_table
if ((${#failed[@]})); then
  printf 'FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
