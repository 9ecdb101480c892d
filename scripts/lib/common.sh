# shellcheck shell=bash disable=SC2034
# Sourced first by every script of the project: strict mode, the project's folder, the plugin's coordinates, and
# the set-up steps most scripts start with.
set -euo pipefail

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
plugin_version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "${project}/pom.xml" | head -n 1)"
plugin="io.github.kubemaven:kube-maven-plugin:${plugin_version}"
second_engine_env=/var/lib/kube-maven-it/second-engine/env

# Prints the pid of the live process named $2 whose command line contains $3: the one in pidfile $1 or,
# when that file is missing or stale, one found in /proc (so a lost pidfile never leads to a second copy).
find_pid() {
  local file=$1 comm=$2 mark=$3 pid='' p c
  [[ -r "${file}" ]] && { read -r pid 2>/dev/null <"${file}" || true; }
  [[ "${pid}" =~ ^[0-9]+$ ]] || pid=
  for p in ${pid} /proc/[0-9]*; do
    p="${p#/proc/}"
    c=
    read -r c 2>/dev/null <"/proc/${p}/comm" || continue
    [[ "${c}" == "${comm}" ]] || continue
    tr '\0' ' ' 2>/dev/null <"/proc/${p}/cmdline" | grep -F -- "${mark}" >/dev/null || continue
    echo "${p}"
    return 0
  done
  return 1
}

# Writes stdin to $1 (mode $2) only when the content differs; returns 0 when it wrote.
write_if_changed() {
  local file=$1 mode=$2 content tmp
  content="$(cat; echo .)"
  [[ -f "${file}" && "$(cat "${file}"; echo .)" == "${content}" ]] && return 1
  tmp="$(mktemp "${file}.XXXXXX")"
  printf '%s' "${content%.}" >"${tmp}"
  chmod "${mode}" "${tmp}"
  mv -f "${tmp}" "${file}"
}

# Installs Debian packages ($2...) with apt, its output in log file $1, without letting their install scripts start
# services of the system's own (a policy-rc.d that says no, unless one is already there); prints the log's end and
# fails when apt does.
install_packages_quietly() {
  local log_file=$1 policy_made='' failed=''
  shift
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    policy_made=1
  fi
  { DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -qq "$@"; } >"${log_file}" 2>&1 || failed=1
  [[ -z "${policy_made}" ]] || rm -f /usr/sbin/policy-rc.d
  if [[ -n "${failed}" ]]; then
    tail -20 "${log_file}" >&2
    echo "apt-get install $* failed; see ${log_file}" >&2
    return 1
  fi
}

# The Docker engine, rsync and the base image, each set up when missing.
setup_engine() {
  "${project}/scripts/setup/engine.sh"
}

# get_example_tree DIR: the bundled example tree (src/it/fixture-tree) as a git checkout at DIR, tagged v0.1.0,
# unless one is there already.
get_example_tree() {
  [[ -d "$1/.git" ]] && return 0
  mkdir -p "$1"
  cp -a "${project}/src/it/fixture-tree/." "$1/"
  (cd "$1" && git init -q -b main && git add -A \
    && git -c user.name=example -c user.email=example@localhost commit -qm "example tree" && git tag v0.1.0)
}

# The plugin as this checkout has it, in the local repository.
install_plugin() {
  (cd "${project}" && ./mvnw -q -B install -DskipTests -Dinvoker.skip)
}

# Starts the second engine, removes it again when the script exits, and reads what setup/second-engine.sh wrote
# about it (SECOND_ENGINE_TCP, SECOND_ENGINE_CERT_PATH, ...).
use_second_engine() {
  trap '"${project}/scripts/setup/second-engine.sh" --remove || true' EXIT
  "${project}/scripts/setup/second-engine.sh"
  # shellcheck disable=SC1090
  source "${second_engine_env}"
}
