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
exec java -jar "$jar" "$@"
