package dev.tiramisu.discordemu.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /_driver/users/{u}/modals/{i}/submit} for Label-based modals: {@code {"values": {"subject": "text",
 * "category": ["billing", "other"]}}}, a string for a text input and an array of strings for a string select.
 * The modal must be one the page was shown and has not answered ({@link DriverApi#modals}); {@link Actor} builds
 * the submission as the client sends it and refuses what the client would not let the user submit (403
 * {@code not_allowed}, the modal stays open). Once submitted the modal is no longer pending.
 */
final class ModalForms {
  private static final int MAX_VALUES = 25;

  private final Emulator emu;
  private final DriverApi api;

  ModalForms(Emulator emu, DriverApi api) {
    this.emu = emu;
    this.api = api;
  }

  ObjectNode submit(long userId, long openerId, JsonNode body) {
    if (!isPending(userId, openerId)) {
      throw HttpError.notFound("no open modal " + openerId + " for this user");
    }
    JsonNode values = body.path("values");
    if (!values.isObject()) {
      throw HttpError.badRequest("values must be an object of input id to text or to an array of option values");
    }
    Map<String, Object> typed = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isTextual()) {
        typed.put(e.getKey(), v.asText());
      } else if (v.isArray() && v.size() <= MAX_VALUES) {
        List<String> chosen = new ArrayList<>();
        for (JsonNode x : v) {
          if (!x.isTextual()) {
            throw HttpError.badRequest("the values of " + e.getKey() + " must be strings");
          }
          chosen.add(x.asText());
        }
        typed.put(e.getKey(), chosen);
      } else {
        throw HttpError.badRequest("the value of " + e.getKey() + " must be text or an array of at most "
            + MAX_VALUES + " strings");
      }
    }
    InteractionHandle submitted = emu.as(userId).submitModal(openerId, typed);
    api.dismissModal(userId, openerId); // answered: no longer offered to the page
    ObjectNode o = Json.object();
    o.put("interactionId", Long.toString(submitted.id));
    try {
      o.put("responseType", submitted.responseType());
    } catch (AssertionError e) {
      throw new HttpError(504, "interaction_failed", "This interaction failed: the application did not respond");
    }
    return o;
  }

  private boolean isPending(long userId, long openerId) {
    String id = Long.toString(openerId);
    for (JsonNode m : api.modals(userId).path("modals")) {
      if (m.path("interactionId").asText().equals(id)) {
        return true;
      }
    }
    return false;
  }
}
