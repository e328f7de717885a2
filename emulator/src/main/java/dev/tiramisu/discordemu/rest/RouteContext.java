package dev.tiramisu.discordemu.rest;

import dev.tiramisu.discordemu.EmulatorState;

/** What route handlers need besides the state: the gateway's address and the recommended shard count. */
public interface RouteContext {
  EmulatorState state();

  /** e.g. {@code ws://127.0.0.1:PORT/}. */
  String gatewayUrl();

  int recommendedShards();

  /** {@code session_start_limit} of {@code GET /gateway/bot}: the gateway's live identify counts. */
  com.fasterxml.jackson.databind.node.ObjectNode sessionStartLimit();
}
