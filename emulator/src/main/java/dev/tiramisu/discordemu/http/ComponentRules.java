package dev.tiramisu.discordemu.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.DiscordException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Discord's documented rules for the components of a message (legacy action rows, or Components V2 layouts under
 * the {@code IS_COMPONENTS_V2} flag) and of a modal (Labels, text displays, the deprecated action-row text input),
 * beyond what the OpenAPI schema can say: where each kind may appear, 40 components in total in a V2 message
 * (nested ones counted), 4000 characters of text displays, 5 action rows in a legacy message, 1..5 top-level
 * components in a modal, custom ids 1..100 characters and unique, component ids unique, select options and
 * min/max values, button kinds, label lengths. Sources: Discord's Component Reference and change log
 * (discord-api-docs {@code developers/components/reference.mdx}, "Raised Component Limits", 29 April 2025), the
 * interaction response's modal object (1..5 components), JDA's {@code TextDisplay} (4000 characters in total).
 *
 * <p>A violation throws 400 / 50035 with the field path Discord uses ({@code components.0.components.1.custom_id}).
 * Error codes Discord publishes in its answers are used as they are ({@code BASE_TYPE_*}, {@code
 * UNION_TYPE_CHOICES}, {@code COMPONENT_CUSTOM_ID_DUPLICATED}, {@code COMPONENT_LAYOUT_WIDTH_EXCEEDED}); the
 * others are named here after what they refuse (docs/emulator.md lists them).
 */
public final class ComponentRules {
  private ComponentRules() {}

  /** Components in a V2 message, nested ones counted. */
  public static final int MAX_V2_COMPONENTS = 40;
  /** Characters of all text displays of a V2 message together. */
  public static final int MAX_V2_TEXT = 4000;
  /** Top-level action rows of a message without the V2 flag. */
  public static final int MAX_LEGACY_ROWS = 5;
  /** Top-level components of a modal. */
  public static final int MAX_MODAL_COMPONENTS = 5;

  private static final List<Integer> LEGACY_TOP = List.of(1);
  private static final List<Integer> V2_TOP = List.of(1, 9, 10, 12, 13, 14, 17);
  private static final List<Integer> CONTAINER_CHILDREN = List.of(1, 9, 10, 12, 13, 14);
  private static final List<Integer> ROW_CHILDREN = List.of(2, 3, 5, 6, 7, 8);
  private static final List<Integer> SECTION_CHILDREN = List.of(10);
  private static final List<Integer> ACCESSORIES = List.of(2, 11);
  private static final List<Integer> MODAL_TOP = List.of(1, 10, 18);
  private static final List<Integer> MODAL_ROW_CHILDREN = List.of(4);
  private static final List<Integer> LABEL_CHILDREN = List.of(3, 4, 5, 6, 7, 8, 19, 21, 22, 23);
  private static final Set<Integer> SELECTS = Set.of(3, 5, 6, 7, 8);

  /** What one check has seen so far: custom ids and component ids (unique per message or modal), totals. */
  private static final class Walk {
    final boolean modal;
    final Set<String> customIds = new HashSet<>();
    final Set<Integer> ids = new HashSet<>();
    int count;
    int text;

    Walk(boolean modal) {
      this.modal = modal;
    }
  }

  /**
   * The components of a message body (create, edit, interaction response, follow-up).
   *
   * @param v2 whether the message is, or becomes, a Components V2 message
   */
  public static void checkMessage(JsonNode components, String field, boolean v2) {
    if (!components.isArray()) {
      return;
    }
    if (!v2 && components.size() > MAX_LEGACY_ROWS) {
      throw DiscordException.invalidForm(field, "BASE_TYPE_MAX_LENGTH",
          "Must be " + MAX_LEGACY_ROWS + " or fewer in length.");
    }
    Walk w = new Walk(false);
    children(components, field, v2 ? V2_TOP : LEGACY_TOP, w);
    if (v2 && w.count > MAX_V2_COMPONENTS) {
      throw DiscordException.invalidForm(field, "COMPONENT_MAX_TOTAL_EXCEEDED",
          "A message can have at most " + MAX_V2_COMPONENTS + " components in total (nested ones counted); this one has "
              + w.count + ".");
    }
    if (v2 && w.text > MAX_V2_TEXT) {
      throw DiscordException.invalidForm(field, "COMPONENT_TEXT_DISPLAY_TOTAL_LENGTH_EXCEEDED",
          "The text displays of a message can have at most " + MAX_V2_TEXT + " characters together; these have "
              + w.text + ".");
    }
  }

  /** The components of a modal ({@code data.components} of an interaction callback of type 9). */
  public static void checkModal(JsonNode components, String field) {
    if (!components.isArray() || components.isEmpty() || components.size() > MAX_MODAL_COMPONENTS) {
      throw DiscordException.invalidForm(field, "BASE_TYPE_BAD_LENGTH",
          "Must be between 1 and " + MAX_MODAL_COMPONENTS + " in length.");
    }
    children(components, field, MODAL_TOP, new Walk(true));
  }

  private static void children(JsonNode list, String field, List<Integer> allowed, Walk w) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      String f = field + "." + i;
      requireType(c, f, allowed);
      component(c, f, w);
    }
  }

  private static void requireType(JsonNode c, String f, List<Integer> allowed) {
    if (!allowed.contains(c.path("type").asInt(-1))) {
      throw DiscordException.invalidForm(f, "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of ("
          + String.join(", ", allowed.stream().map(String::valueOf).toList()) + (allowed.size() == 1 ? ",)." : ")."));
    }
  }

  private static void component(JsonNode c, String f, Walk w) {
    w.count++;
    identifiers(c, f, w);
    switch (c.path("type").asInt()) {
      case 1 -> actionRow(c, f, w);
      case 2 -> button(c, f);
      case 3 -> {
        stringSelect(c, f);
        selectRange(c, f, w.modal);
      }
      case 4 -> textInput(c, f);
      case 5, 6, 7, 8 -> selectRange(c, f, w.modal);
      case 9 -> section(c, f, w);
      case 10 -> w.text += length(c.path("content"), 1, 4000, f + ".content");
      case 11 -> media(c.path("media"), c.path("description"), f + ".media", f + ".description");
      case 12 -> gallery(c, f);
      case 13 -> file(c, f);
      case 14 -> separator(c, f);
      case 17 -> container(c, f, w);
      case 18 -> label(c, f, w);
      default -> { } // other kinds (file upload, radio group, checkboxes): the OpenAPI schema checks them
    }
  }

  /** custom_id 1..100 and unique; a non-zero {@code id} unique (0 means "assign one", as Discord documents). */
  private static void identifiers(JsonNode c, String f, Walk w) {
    JsonNode customId = c.path("custom_id");
    if (customId.isTextual()) {
      String id = customId.asText();
      if (id.isEmpty() || id.length() > 100) {
        throw DiscordException.invalidForm(f + ".custom_id", "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.");
      }
      if (!w.customIds.add(id)) {
        throw DiscordException.invalidForm(f + ".custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED",
            "Component custom id cannot be duplicated");
      }
    }
    JsonNode id = c.path("id");
    if (id.isIntegralNumber() && id.asInt() != 0 && !w.ids.add(id.asInt())) {
      throw DiscordException.invalidForm(f + ".id", "COMPONENT_ID_DUPLICATED",
          "Component id " + id.asInt() + " is used twice; ids must be unique within the message.");
    }
  }

  private static void actionRow(JsonNode c, String f, Walk w) {
    JsonNode kids = c.path("components");
    String kf = f + ".components";
    if (!kids.isArray() || kids.isEmpty() || kids.size() > 5) {
      throw DiscordException.invalidForm(kf, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
    }
    children(kids, kf, w.modal ? MODAL_ROW_CHILDREN : ROW_CHILDREN, w);
    boolean wide = w.modal; // a text input, like a select, fills its row
    for (JsonNode k : kids) {
      wide |= SELECTS.contains(k.path("type").asInt());
    }
    if (wide && kids.size() > 1) {
      throw DiscordException.invalidForm(kf, "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
          "The specified component exceeds the maximum width");
    }
  }

  private static void button(JsonNode c, String f) {
    int style = c.path("style").asInt(-1);
    boolean link = style == 5;
    boolean premium = style == 6;
    if (link) {
      require(c, "url", f);
      forbid(c, "custom_id", f, "A link button cannot have a custom_id.");
    } else if (premium) {
      require(c, "sku_id", f);
      for (String field : List.of("custom_id", "url", "label", "emoji")) {
        forbid(c, field, f, "A premium button cannot have a " + field + ".");
      }
    } else {
      require(c, "custom_id", f);
      forbid(c, "url", f, "Only a link button can have a url.");
    }
    length(c.path("label"), 0, 80, f + ".label");
    length(c.path("url"), 0, 512, f + ".url");
  }

  private static void stringSelect(JsonNode c, String f) {
    JsonNode options = c.path("options");
    if (!options.isArray() || options.isEmpty() || options.size() > 25) {
      throw DiscordException.invalidForm(f + ".options", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length.");
    }
    Set<String> values = new HashSet<>();
    for (int i = 0; i < options.size(); i++) {
      JsonNode o = options.get(i);
      String of = f + ".options." + i;
      length(o.path("label"), 1, 100, of + ".label");
      length(o.path("value"), 1, 100, of + ".value");
      length(o.path("description"), 0, 100, of + ".description");
      if (o.path("value").isTextual() && !values.add(o.path("value").asText())) {
        throw DiscordException.invalidForm(of + ".value", "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
            "Select menu option values must be unique.");
      }
    }
  }

  /**
   * min_values 0..25, max_values 1..25, min ≤ max; for a string select also max ≤ its options and defaults within
   * min..max (JDA clamps min and max to the options for this reason); in a modal no {@code disabled}, and a
   * required select (the default) cannot have min_values 0.
   */
  private static void selectRange(JsonNode c, String f, boolean modal) {
    int min = number(c.path("min_values"), 0, 25, 1, f + ".min_values");
    int max = number(c.path("max_values"), 1, 25, 1, f + ".max_values");
    if (min > max) {
      throw DiscordException.invalidForm(f + ".min_values", "SELECT_COMPONENT_MIN_VALUES_EXCEEDS_MAX",
          "min_values (" + min + ") cannot be greater than max_values (" + max + ").");
    }
    JsonNode options = c.path("options");
    int defaults = 0;
    if (c.path("type").asInt() == 3) {
      if (max > options.size()) {
        throw DiscordException.invalidForm(f + ".max_values", "SELECT_COMPONENT_MAX_VALUES_EXCEEDS_OPTIONS",
            "max_values (" + max + ") cannot be greater than the number of options (" + options.size() + ").");
      }
      for (JsonNode o : options) {
        defaults += o.path("default").asBoolean(false) ? 1 : 0;
      }
    } else {
      defaults = c.path("default_values").size();
    }
    if (defaults > 0 && (defaults < min || defaults > max)) {
      throw DiscordException.invalidForm(f, "SELECT_COMPONENT_DEFAULTS_OUT_OF_RANGE",
          defaults + " default values, but the select takes " + min + ".." + max + ".");
    }
    if (modal && c.path("disabled").asBoolean(false)) {
      throw DiscordException.invalidForm(f + ".disabled", "MODAL_COMPONENT_DISABLED",
          "Modals cannot have disabled components.");
    }
    if (modal && c.path("required").asBoolean(true) && c.has("min_values") && min == 0) {
      throw DiscordException.invalidForm(f + ".min_values", "SELECT_COMPONENT_REQUIRED_MIN_VALUES",
          "A required select needs min_values of at least 1.");
    }
  }

  private static void textInput(JsonNode c, String f) {
    int style = c.path("style").asInt(-1);
    if (style != 1 && style != 2) {
      throw DiscordException.invalidForm(f + ".style", "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.");
    }
    int min = number(c.path("min_length"), 0, 4000, 0, f + ".min_length");
    int max = number(c.path("max_length"), 1, 4000, 4000, f + ".max_length");
    if (min > max) {
      throw DiscordException.invalidForm(f + ".min_length", "TEXT_INPUT_MIN_LENGTH_EXCEEDS_MAX",
          "min_length (" + min + ") cannot be greater than max_length (" + max + ").");
    }
    length(c.path("value"), 0, max, f + ".value");
    length(c.path("placeholder"), 0, 100, f + ".placeholder");
    length(c.path("label"), 1, 45, f + ".label");
  }

  private static void section(JsonNode c, String f, Walk w) {
    JsonNode kids = c.path("components");
    if (!kids.isArray() || kids.isEmpty() || kids.size() > 3) {
      throw DiscordException.invalidForm(f + ".components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 3 in length.");
    }
    children(kids, f + ".components", SECTION_CHILDREN, w);
    JsonNode accessory = c.path("accessory");
    if (!accessory.isObject()) {
      throw DiscordException.invalidForm(f + ".accessory", "BASE_TYPE_REQUIRED", "This field is required");
    }
    requireType(accessory, f + ".accessory", ACCESSORIES);
    component(accessory, f + ".accessory", w);
  }

  private static void container(JsonNode c, String f, Walk w) {
    JsonNode kids = c.path("components");
    if (!kids.isArray() || kids.isEmpty()) {
      throw DiscordException.invalidForm(f + ".components", "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.");
    }
    children(kids, f + ".components", CONTAINER_CHILDREN, w);
    number(c.path("accent_color"), 0, 0xFFFFFF, 0, f + ".accent_color");
  }

  private static void label(JsonNode c, String f, Walk w) {
    length(c.path("label"), 1, 45, f + ".label");
    if (!c.path("label").isTextual()) {
      throw DiscordException.invalidForm(f + ".label", "BASE_TYPE_REQUIRED", "This field is required");
    }
    length(c.path("description"), 0, 100, f + ".description");
    JsonNode child = c.path("component");
    if (!child.isObject()) {
      throw DiscordException.invalidForm(f + ".component", "BASE_TYPE_REQUIRED", "This field is required");
    }
    requireType(child, f + ".component", LABEL_CHILDREN);
    component(child, f + ".component", w);
  }

  private static void gallery(JsonNode c, String f) {
    JsonNode items = c.path("items");
    if (!items.isArray() || items.isEmpty() || items.size() > 10) {
      throw DiscordException.invalidForm(f + ".items", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 10 in length.");
    }
    for (int i = 0; i < items.size(); i++) {
      String itf = f + ".items." + i;
      media(items.get(i).path("media"), items.get(i).path("description"), itf + ".media", itf + ".description");
    }
  }

  private static void file(JsonNode c, String f) {
    JsonNode url = c.path("file").path("url");
    if (!url.isTextual() || !url.asText().startsWith("attachment://")) {
      throw DiscordException.invalidForm(f + ".file.url", "COMPONENT_FILE_NOT_AN_ATTACHMENT",
          "A file component only takes attachment://<filename> references.");
    }
  }

  private static void separator(JsonNode c, String f) {
    JsonNode spacing = c.path("spacing");
    if (!spacing.isMissingNode() && !spacing.isNull() && spacing.asInt() != 1 && spacing.asInt() != 2) {
      throw DiscordException.invalidForm(f + ".spacing", "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.");
    }
  }

  private static void media(JsonNode media, JsonNode description, String f, String descriptionField) {
    if (!media.path("url").isTextual() || media.path("url").asText().isEmpty()) {
      throw DiscordException.invalidForm(f + ".url", "BASE_TYPE_REQUIRED", "This field is required");
    }
    length(media.path("url"), 1, 2048, f + ".url");
    length(description, 0, 1024, descriptionField);
  }

  private static void require(JsonNode c, String field, String f) {
    JsonNode v = c.path(field);
    if (v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
      throw DiscordException.invalidForm(f + "." + field, "BASE_TYPE_REQUIRED", "This field is required");
    }
  }

  private static void forbid(JsonNode c, String field, String f, String message) {
    if (c.has(field) && !c.get(field).isNull()) {
      throw DiscordException.invalidForm(f + "." + field, "BUTTON_COMPONENT_FIELD_NOT_ALLOWED", message);
    }
  }

  /** The length in code points of a text field within min..max (absent or null: nothing to check, 0). */
  static int length(JsonNode node, int min, int max, String field) {
    if (!node.isTextual()) {
      return 0;
    }
    int len = node.asText().codePointCount(0, node.asText().length());
    if (len > max || len < min) {
      throw min == 0
          ? DiscordException.invalidForm(field, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.")
          : DiscordException.invalidForm(field, "BASE_TYPE_BAD_LENGTH",
              "Must be between " + min + " and " + max + " in length.");
    }
    return len;
  }

  private static int number(JsonNode node, int min, int max, int absent, String field) {
    if (!node.isNumber()) {
      return absent;
    }
    int v = node.asInt();
    if (v < min) {
      throw DiscordException.invalidForm(field, "NUMBER_TYPE_MIN", "int value should be greater than or equal to "
          + min + ".");
    }
    if (v > max) {
      throw DiscordException.invalidForm(field, "NUMBER_TYPE_MAX", "int value should be less than or equal to "
          + max + ".");
    }
    return v;
  }
}
