#!/usr/bin/env bash
# Builds the CLI and the benchmarks (without tests) and compares import into an empty database with
# import into populated ones (docs/performance.md, "Import into a populated database").
#   benchmarks/import-populated.sh --db-url jdbc:postgresql://127.0.0.1:5432/postgres --customers 60000 --executions 500000
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl orchestrator-cli,benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.orchestrator.benchmarks.system.ImportPopulated "$@"
