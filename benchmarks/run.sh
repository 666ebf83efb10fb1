#!/usr/bin/env bash
# Builds the project (without tests) and runs the whole-system benchmark suite with the given options.
#   benchmarks/run.sh --db-url jdbc:postgresql://HOST:5432/postgres --sizes 100k,1m
# Without --db-url the suite starts an embedded PostgreSQL. --help lists every option.
# The report goes to benchmarks/target/system/report.md (see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.orchestrator.benchmarks.system.Suite "$@"
