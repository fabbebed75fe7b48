#!/usr/bin/env bash
# Builds the backend image from reference-service/Dockerfile:
#   scripts/build-backend-image.sh 0.3.0 [repository]      -> driftsentry-reference:0.3.0 (and :latest, the compose file's default)
#                                                           and driftsentry-dashboard:0.3.0 (and :latest): the frontend of the same build
# The tag is the release's version (what /health/live reports). Builds the jar first when it is
# missing. Where no registry is reachable, the local stand-ins made by scripts/offline-base-images.sh
# are used as base images (when they exist and the official ones are not on this machine).
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:?usage: scripts/build-backend-image.sh VERSION [REPOSITORY]}"
repository="${2:-driftsentry-reference}"
[[ "$version" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "build-backend-image: '$version' is not a version (fix: e.g. 0.3.0)" >&2; exit 3; }
jar=reference-service/target/driftsentry-reference.jar
dashboard_jar=dashboard/target/driftsentry-dashboard.jar
[[ -f "$jar" && -f "$dashboard_jar" ]] || mvn -B -q -ntp -pl reference-service,dashboard -am package -DskipTests
args=()
if ! docker image inspect eclipse-temurin:17-jdk >/dev/null 2>&1 && docker image inspect driftsentry/jdk17 >/dev/null 2>&1; then
  args+=(--build-arg JDK_IMAGE=driftsentry/jdk17 --build-arg RUNTIME_IMAGE=driftsentry/bookworm-slim --network host)
fi
# The build context is the jar and the Dockerfile only: nothing else of the checkout reaches the image.
context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/reference-service/target"
cp reference-service/Dockerfile "$context/reference-service/"
cp "$jar" "$context/reference-service/target/"
DOCKER_BUILDKIT=0 docker build -q "${args[@]}" --build-arg "VERSION=$version" -f "$context/reference-service/Dockerfile" \
  -t "$repository:$version" "$context" >/dev/null
docker tag "$repository:$version" "$repository:latest"
# The dashboard of the same build: its jar and Dockerfile only.
mkdir -p "$context/dashboard/target"
cp dashboard/Dockerfile "$context/dashboard/"
cp "$dashboard_jar" "$context/dashboard/target/"
DOCKER_BUILDKIT=0 docker build -q "${args[@]}" --build-arg "VERSION=$version" -f "$context/dashboard/Dockerfile" \
  -t "driftsentry-dashboard:$version" "$context" >/dev/null
docker tag "driftsentry-dashboard:$version" "driftsentry-dashboard:latest"
echo "$repository:$version"
