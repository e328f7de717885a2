package dev.tiramisu.discordemu.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The MODAL_SUBMIT data the Discord client sends for a modal the user filled in, built from the modal as the
 * application sent it and refused ({@link Actor.NotAllowedInClient}) where the client would not let the user submit:
 * a required input left empty, a text outside {@code min_length..max_length} or with a line break in a short input,
 * a select value that is not one of its options, a value chosen twice, fewer than {@code min_values} or more than
 * {@code max_values} values, a value for an input the modal does not have.
 *
 * <p>The shape is Discord's (Component Reference, "Modal Submit Interaction Data Example"): a Label becomes {@code
 * {type: 18, id, component: {type: 4, id, custom_id, value}}} or, for a string select, {@code {type: 3, id,
 * custom_id, values: [...]}}; the deprecated action row {@code {type: 1, id, components: [{type: 4, ...}]}}; a text
 * display {@code {type: 10, id}}.
 */
final class ModalSubmission {
  private ModalSubmission() {}

  /**
   * @param values by custom id: a {@code String} for a text input; a {@code Collection<String>}, a {@code String[]}
   *     or a single {@code String} for a select. An input not given is submitted as the client would leave it: a
   *     text input with its pre-filled {@code value} (or empty), a select with its default options.
   */
  static ObjectNode build(ObjectNode modal, Map<String, ?> values) {
    return build(modal, values, true);
  }

  /** @param clientChecks false: send the values as given, as a modified client could */
  static ObjectNode build(ObjectNode modal, Map<String, ?> values, boolean clientChecks) {
    Set<String> inputs = new TreeSet<>();
    ObjectNode data = Json.object();
    data.put("custom_id", modal.path("custom_id").asText());
    ArrayNode out = data.putArray("components");
    for (JsonNode top : modal.path("components")) {
      ObjectNode o = out.addObject();
      o.put("type", top.path("type").asInt());
      o.put("id", top.path("id").asInt());
      switch (top.path("type").asInt()) {
        case 18 -> o.set("component", answer(top.path("component"), values, inputs, clientChecks));
        case 1 -> o.putArray("components").add(answer(top.path("components").path(0), values, inputs,
            clientChecks));
        default -> { } // a text display: only its type and id come back
      }
    }
    for (String given : values.keySet()) {
      if (!inputs.contains(given)) {
        throw new Actor.NotAllowedInClient("the modal " + modal.path("custom_id").asText() + " has no input "
            + given + "; its inputs: " + inputs);
      }
    }
    return data;
  }

  private static ObjectNode answer(JsonNode input, Map<String, ?> values, Set<String> inputs,
      boolean clientChecks) {
    String customId = input.path("custom_id").asText();
    inputs.add(customId);
    int type = input.path("type").asInt();
    boolean required = input.path("required").asBoolean(true);
    ObjectNode a = Json.object();
    a.put("type", type);
    a.put("id", input.path("id").asInt());
    a.put("custom_id", customId);
    Object given = values.get(customId);
    if (!clientChecks && given != null && (type == 4 || type == 3)) {
      if (type == 4) {
        a.put("value", String.valueOf(given));
      } else {
        ArrayNode chosen = a.putArray("values");
        if (given instanceof Collection<?> list) {
          list.forEach(v -> chosen.add(String.valueOf(v)));
        } else {
          chosen.add(String.valueOf(given));
        }
      }
      return a;
    }
    switch (type) {
      case 4 -> a.put("value", text(input, customId, given, required));
      case 3 -> {
        ArrayNode chosen = a.putArray("values");
        choices(input, customId, given, required).forEach(chosen::add);
      }
      default -> {
        if (required || given != null) {
          throw new Actor.NotAllowedInClient("modal input " + customId + " is a component of type " + type
              + ", which the emulator's driver cannot fill (text inputs and string selects only)");
        }
        switch (type) {
          case 21 -> a.putNull("value");
          case 23 -> a.put("value", false);
          default -> a.putArray("values");
        }
      }
    }
    return a;
  }

  private static String text(JsonNode input, String customId, Object given, boolean required) {
    if (given != null && !(given instanceof String)) {
      throw new Actor.NotAllowedInClient("modal input " + customId + " is a text input: give it a String, not "
          + given.getClass().getSimpleName());
    }
    String value = given != null ? (String) given : input.path("value").asText("");
    if (value.isEmpty()) {
      if (required) {
        throw new Actor.NotAllowedInClient("modal input " + customId + " is required");
      }
      return value;
    }
    int length = value.codePointCount(0, value.length());
    int max = input.path("max_length").asInt(4000);
    int min = input.path("min_length").asInt(0);
    if (length > max || length < min) {
      throw new Actor.NotAllowedInClient("modal input " + customId + " must be " + min + ".." + max
          + " characters, not " + length);
    }
    if (input.path("style").asInt(1) == 1 && (value.contains("\n") || value.contains("\r"))) {
      throw new Actor.NotAllowedInClient("modal input " + customId + " is a short (one-line) input: no line breaks");
    }
    return value;
  }

  private static List<String> choices(JsonNode select, String customId, Object given, boolean required) {
    List<String> chosen = new ArrayList<>();
    if (given == null) {
      for (JsonNode o : select.path("options")) {
        if (o.path("default").asBoolean(false)) {
          chosen.add(o.path("value").asText());
        }
      }
    } else if (given instanceof String s) {
      chosen.add(s);
    } else if (given instanceof String[] array) {
      chosen.addAll(List.of(array));
    } else if (given instanceof Collection<?> list) {
      for (Object v : list) {
        chosen.add(String.valueOf(v));
      }
    } else {
      throw new Actor.NotAllowedInClient("modal input " + customId + " is a string select: give its values as a "
          + "List<String>, a String[] or one String");
    }
    Set<String> offered = new LinkedHashSet<>();
    select.path("options").forEach(o -> offered.add(o.path("value").asText()));
    Set<String> seen = new LinkedHashSet<>();
    for (String v : chosen) {
      if (!offered.contains(v)) {
        throw new Actor.NotAllowedInClient("value " + v + " is not an option of " + customId + "; options: " + offered);
      }
      if (!seen.add(v)) {
        throw new Actor.NotAllowedInClient("value " + v + " of " + customId + " is chosen twice");
      }
    }
    int min = select.path("min_values").asInt(1);
    int max = select.path("max_values").asInt(1);
    if (chosen.isEmpty() && !required) {
      return chosen; // an optional select may be left alone
    }
    if (chosen.isEmpty() && required) {
      throw new Actor.NotAllowedInClient("modal input " + customId + " is required");
    }
    if (chosen.size() < min || chosen.size() > max) {
      throw new Actor.NotAllowedInClient(customId + " takes " + min + ".." + max + " values, not " + chosen.size());
    }
    return chosen;
  }
}
