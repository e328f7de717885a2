#!/usr/bin/env bash
# Runs Tiramisu Tickets. With DISCORD_TOKEN set it connects to Discord; without one it starts the local
# sandbox (a Discord emulator with a demo guild). Builds the jar first when it is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")"
jar=bot/target/tickets-bot-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml bot/pom.xml emulator/pom.xml bot/src/main emulator/src/main -newer "$jar" -print -quit)" ]; then
  echo "Building Tiramisu Tickets (first run takes a minute)..." >&2
  mvn -q -B -DskipTests install
fi
# Out of memory, the JVM ends at once (exit code 3, stderr: "Terminating due to java.lang.OutOfMemoryError: Java
# heap space") instead of running on in back-to-back GCs and ignoring SIGTERM: a supervisor (systemd, Docker,
# Kubernetes) sees it end and restarts it. JAVA_OPTS adds JVM options, e.g. JAVA_OPTS=-Xmx256m.
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec java -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} -jar "$jar" "$@"
