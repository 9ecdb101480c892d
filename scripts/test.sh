#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against a real Docker engine.
# Installs and starts the engine, rsync and the base image first when they are missing.
set -euo pipefail
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"${project}/scripts/setup-engine.sh"
cd "${project}"
exec mvn -B verify "$@"
