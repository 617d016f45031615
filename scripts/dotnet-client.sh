#!/usr/bin/env bash
# Generates the typed .NET client (clients/dotnet/Generated, or the folder given) from docs/openapi.json with Kiota, the
# repo's tool manifest's version. ./slots openapi runs it after writing the document; DotnetClientDriftTests runs it into
# a folder of its own and fails when the committed client differs. Only JSON, text and form bodies: the API takes no
# multipart.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-clients/dotnet/Generated}"
cd "$ROOT"
dotnet tool restore > /dev/null
dotnet kiota generate --language CSharp --openapi docs/openapi.json --output "$OUT" \
  --namespace-name Slots.Client --class-name SlotsApiClient --exclude-backward-compatible --clean-output --log-level Error \
  --serializer Microsoft.Kiota.Serialization.Json.JsonSerializationWriterFactory \
  --serializer Microsoft.Kiota.Serialization.Text.TextSerializationWriterFactory \
  --serializer Microsoft.Kiota.Serialization.Form.FormSerializationWriterFactory \
  --deserializer Microsoft.Kiota.Serialization.Json.JsonParseNodeFactory \
  --deserializer Microsoft.Kiota.Serialization.Text.TextParseNodeFactory \
  --deserializer Microsoft.Kiota.Serialization.Form.FormParseNodeFactory > /dev/null
