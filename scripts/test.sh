#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against a real Docker engine, a second engine in a network
# namespace of its own (over TCP+TLS, ssh and a docker context) and Podman's Docker-compatible API.
# Installs and starts each of them, rsync and the base image first when they are missing. However the run ends, the
# second engine and the Podman service are stopped again, and the containers, volumes and images the tests made on
# the Docker engine are removed; what was there before the run stays.
set -euo pipefail
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
role_label="io.github.kubemaven.role"
"${project}/scripts/setup-engine.sh"

plugin_objects() {
  docker ps -aq --no-trunc --filter "label=${role_label}" | sed 's/^/container /'
  docker volume ls -q --filter "label=${role_label}" | sed 's/^/volume /'
  docker images -q --no-trunc --filter "label=${role_label}" | sort -u | sed 's/^/image /'
}
before="$(mktemp)"
plugin_objects | sort >"${before}"

remove_test_objects() {
  local kind id
  comm -13 "${before}" <(plugin_objects | sort) | sort -s -k1,1 | while read -r kind id; do
    case "${kind}" in
      container) docker rm -f -v "${id}" ;;
      volume) docker volume rm -f "${id}" ;;
      image) docker rmi -f "${id}" ;;
    esac >/dev/null 2>&1 || true
  done
  rm -f "${before}"
}

finish() {
  "${project}/scripts/setup-second-engine.sh" --remove || true
  "${project}/scripts/setup-podman.sh" --stop || true
  remove_test_objects
}
trap finish EXIT
"${project}/scripts/setup-second-engine.sh"
"${project}/scripts/setup-podman.sh"
cd "${project}"
mvn -B verify "$@"
