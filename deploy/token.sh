#!/usr/bin/env bash
# Mints a local HS256 token for a role, signed with the checkout's key (.local/signing-key, made by deploy/run.sh)
# or with $Auth__SigningKey. Usage:
#   deploy/token.sh beheerder
#   deploy/token.sh behandelaar --uitvoerder DUS-I [--sub j.jansen]
#   deploy/token.sh aanvrager --org 12345678
#   deploy/token.sh auditor
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -z "${Auth__SigningKey:-}" ]; then
  KEY_FILE="$ROOT/.local/signing-key"
  [ -s "$KEY_FILE" ] || { echo "no signing key: run ./deploy/run.sh once, or set Auth__SigningKey" >&2; exit 1; }
  Auth__SigningKey=$(cat "$KEY_FILE")
  export Auth__SigningKey
fi
DLL="$ROOT/src/WozoSubsidies.Api/bin/Release/net10.0/WozoSubsidies.Api.dll"
[ -f "$DLL" ] || dotnet build "$ROOT/src/WozoSubsidies.Api" -c Release -nologo -v quiet >&2
exec dotnet "$DLL" token "$@"
