#!/usr/bin/env bash
# Runs WozoSubsidies locally: builds it, starts the project-local PostgreSQL when ConnectionStrings__Wozo is unset,
# creates a local token signing key once when no Auth__ setting is given, and serves on http://127.0.0.1:5080.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
URLS=${ASPNETCORE_URLS:-http://127.0.0.1:5080}

if [ -z "${ConnectionStrings__Wozo:-}" ]; then
  ConnectionStrings__Wozo=$("$ROOT/deploy/postgres.sh" start | tail -n 1)
  export ConnectionStrings__Wozo
fi

if [ -z "${Auth__SigningKey:-}" ] && [ -z "${Auth__Authority:-}" ]; then
  KEY_FILE="$ROOT/.local/signing-key"
  if [ ! -s "$KEY_FILE" ]; then
    mkdir -p "$ROOT/.local"
    (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' > "$KEY_FILE")
  fi
  Auth__SigningKey=$(cat "$KEY_FILE")
  export Auth__SigningKey
fi

dotnet build "$ROOT/src/WozoSubsidies.Api" -c Release -nologo -v quiet

cat <<MSG

  WozoSubsidies is starting on $URLS
  Swagger UI:        ${URLS%/}/swagger
  OpenAPI document:  ${URLS%/}/swagger/v1/swagger.json
  A token:           deploy/token.sh beheerder        (or: behandelaar --uitvoerder DUS-I, aanvrager --org 12345678, auditor)

MSG
exec dotnet "$ROOT/src/WozoSubsidies.Api/bin/Release/net10.0/WozoSubsidies.Api.dll" --urls "$URLS" --contentRoot "$ROOT/src/WozoSubsidies.Api"
