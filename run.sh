#!/usr/bin/env bash
# Runs Tiramisu Tickets. With a token (DISCORD_TOKEN or DISCORD_TOKEN_FILE, or --discord-token=... or
# --discord-token-file=...) it runs the production jar, bot/target/tickets-bot-*.jar, which connects to Discord;
# so does "migrate ...". Without one, or with --sandbox or --sandbox-smoke, it runs the sandbox jar,
# sandbox/target/tickets-sandbox.jar: a local Discord emulator with a demo guild and the bot against it.
# Builds the jars first when they are missing or out of date.
set -euo pipefail
cd "$(dirname "$0")"
bot_jar=bot/target/tickets-bot-0.1.0-SNAPSHOT.jar
sandbox_jar=sandbox/target/tickets-sandbox.jar

# Which jar: the bot's own rules (an argument --x-y=v overrides the variable X_Y; a blank value is no value).
token=${DISCORD_TOKEN:-}
token_file=${DISCORD_TOKEN_FILE:-}
sandbox=false
for arg in "$@"; do
  case "$arg" in
    --sandbox | --sandbox-smoke) sandbox=true ;;
    --discord-token=*) token=${arg#*=} ;;
    --discord-token-file=*) token_file=${arg#*=} ;;
  esac
done
token="${token//[[:space:]]/}${token_file//[[:space:]]/}"
if [ "${1:-}" = migrate ] || { [ "$sandbox" = false ] && [ -n "$token" ]; }; then
  jar=$bot_jar
else
  jar=$sandbox_jar
fi

# The sandbox jar runs with the bot's jar and the emulator's standalone jar beside it (its manifest names them).
stale=false
for built in "$bot_jar" "$sandbox_jar" emulator/target/discord-emulator-0.1.0-SNAPSHOT-all.jar; do
  if [ ! -f "$built" ] || [ -n "$(find pom.xml bot/pom.xml emulator/pom.xml sandbox/pom.xml bot/src/main \
      emulator/src/main sandbox/src/main -newer "$built" -print -quit)" ]; then
    stale=true
  fi
done
if [ "$stale" = true ]; then
  echo "Building Tiramisu Tickets (first run takes a minute)..." >&2
  # package, not install: the jars stay in this checkout's target/ directories
  mvn -q -B -DskipTests -pl sandbox -am package
fi
# Out of memory, the JVM ends at once (exit code 3, stderr: "Terminating due to java.lang.OutOfMemoryError: Java
# heap space") instead of running on in back-to-back GCs and ignoring SIGTERM: a supervisor (systemd, Docker,
# Kubernetes) sees it end and restarts it. JAVA_OPTS adds JVM options, e.g. JAVA_OPTS=-Xmx256m.
# The optimizing JIT (C2) takes much of the CPU of a start (docs/benchmarks.md, "Memory and start-up at scale");
# JAVA_OPTS=-XX:TieredStopAtLevel=1 keeps only the quick one (C1) for faster starts, at the cost of slower code
# once running: the default keeps both, as the bot's latency under load is CPU-bound.
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec java -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} -jar "$jar" "$@"
