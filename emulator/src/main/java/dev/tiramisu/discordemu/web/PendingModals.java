package dev.tiramisu.discordemu.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Modals a bot opened for a user and the user has not submitted or dismissed yet, by opener interaction id. */
final class PendingModals {
  private static final int MAX = 50;

  private final EmulatorState state;
  private final Map<Long, InteractionHandle> modals = new LinkedHashMap<>();

  PendingModals(EmulatorState state) {
    this.state = state;
  }

  /** Remembers a modal the application opened for its user (the oldest go past {@value #MAX}). */
  void add(InteractionHandle h) {
    synchronized (modals) {
      modals.put(h.id, h);
      Iterator<Long> oldest = modals.keySet().iterator();
      while (modals.size() > MAX) {
        oldest.next();
        oldest.remove();
      }
    }
  }

  /** Modals bots opened for this user that wait for an answer, oldest first. */
  ArrayNode list(long userId) {
    ArrayNode out = Json.array();
    synchronized (modals) {
      // an emulator reset forgets interactions: their modals go too
      modals.keySet().removeIf(id -> !hasInteraction(id));
      for (InteractionHandle h : modals.values()) {
        if (h.userId() == userId) {
          out.add(json(h));
        }
      }
    }
    return out;
  }

  /** Forgets a modal the user answered or closed; 404 unless it is open for this user. */
  void dismiss(long userId, long openerId) {
    get(userId, openerId);
    synchronized (modals) {
      modals.remove(openerId);
    }
  }

  void clear() {
    synchronized (modals) {
      modals.clear();
    }
  }

  ObjectNode json(InteractionHandle h) {
    ObjectNode modal = h.awaitModal();
    ObjectNode o = Json.object();
    o.put("interactionId", Long.toString(h.id));
    o.put("customId", modal.path("custom_id").asText());
    o.put("title", modal.path("title").asText());
    o.set("components", modal.path("components").deepCopy());
    return o;
  }

  private boolean hasInteraction(long id) {
    synchronized (state) {
      return state.interactions.containsKey(id);
    }
  }

  private InteractionHandle get(long userId, long openerId) {
    synchronized (modals) {
      InteractionHandle h = modals.get(openerId);
      if (h == null || h.userId() != userId || !hasInteraction(openerId)) {
        throw HttpError.notFound("no open modal " + openerId + " for this user");
      }
      return h;
    }
  }
}
