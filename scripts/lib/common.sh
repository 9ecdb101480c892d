# shellcheck shell=bash disable=SC2034
# Sourced first by every script of the project: strict mode, the project's folder, the plugin's coordinates, and
# the set-up steps most scripts start with.
set -euo pipefail

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
plugin_version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "${project}/pom.xml" | head -n 1)"
plugin="io.github.kubemaven:kube-maven-plugin:${plugin_version}"
second_engine_env=/var/lib/kube-maven-it/second-engine/env

# The Docker engine, rsync and the base image, each set up when missing.
setup_engine() {
  "${project}/scripts/setup/engine.sh"
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
