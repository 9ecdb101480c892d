#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against a real Docker engine, a second engine in a network
# namespace of its own (over TCP+TLS, ssh and a docker context) and Podman's Docker-compatible API.
# Installs and starts each of them, rsync and the base image first when they are missing.
set -euo pipefail
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"${project}/scripts/setup-engine.sh"
# The second engine lives for this run only: stopped, and its namespace and state removed, however the run ends.
trap '"${project}/scripts/setup-second-engine.sh" --remove' EXIT
"${project}/scripts/setup-second-engine.sh"
"${project}/scripts/setup-podman.sh"
cd "${project}"
mvn -B verify "$@"
