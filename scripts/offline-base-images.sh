#!/usr/bin/env bash
# Builds local stand-ins for the official base images on a machine that reaches Debian's package
# mirror but no container registry (see docs/DOCKER-SETUP notes in docs/reference-service.md):
#   driftsentry/bookworm-slim  (debootstrap minbase, in place of debian:bookworm-slim)
#   driftsentry/jdk17          (that + openjdk-17-jdk-headless, in place of eclipse-temurin:17-jdk)
#   driftsentry/postgres:15    (PostgreSQL 15 that honours POSTGRES_USER/PASSWORD/DB, in place of postgres:15-alpine)
#   driftsentry/redis:7        (Redis 7, in place of redis:7-alpine)
# Needs root, docker (a running dockerd) and debootstrap. Idempotent: existing images are kept.
set -euo pipefail

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

if ! have_image driftsentry/bookworm-slim; then
  root=$(mktemp -d /tmp/bookworm-XXXXXX)
  trap 'rm -rf "$root"' EXIT
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
  cat >"$root/etc/apt/sources.list" <<'LIST'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
LIST
  rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import - driftsentry/bookworm-slim >/dev/null
fi

if ! have_image driftsentry/jdk17; then
  printf 'FROM driftsentry/bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jdk-headless && apt-get clean && rm -rf /var/lib/apt/lists/*\n' \
    | DOCKER_BUILDKIT=0 docker build --network host -t driftsentry/jdk17 - >/dev/null
fi
# PostgreSQL and Redis for the compose stack (environments/compose/docker-compose.offline.yml).
images="$(dirname "$0")/../environments/compose/images"
for name in postgres:15 redis:7; do
  if ! have_image "driftsentry/$name"; then
    DOCKER_BUILDKIT=0 docker build --network host -t "driftsentry/$name" "$images/${name%%:*}" >/dev/null
  fi
done
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^driftsentry/'
