package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discord's limits on Components V2 messages, legacy components and the IS_COMPONENTS_V2 flag, sent from a plain
 * HTTP client. The OpenAPI spec is checked but does not refuse here ({@code reject = false}), so each answer comes
 * from the emulator's own rules ({@code ComponentRules}, {@code MessageRules}); every response must still match the
 * spec. Each refusal is 400 / 50035 with Discord's field path.
 */
class ComponentsV2RulesTest extends ConformanceTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int V2 = 1 << 15;
  private TestGuild g;
  private String send;

  @Override
  protected EmulatorConfig config() {
    EmulatorConfig d = EmulatorConfig.defaults();
    return d.withOpenApiSpec(d.openApiSpec(), false).withRateLimits(false);
  }

  @Override
  protected void checkAfterEach() {
    // requests malformed on purpose break the spec too; what the emulator answered must not
    assertThat(emu.takeSpecViolations()).noneMatch(v -> v.startsWith("response"));
  }

  @BeforeEach
  void guild() {
    g = emu.guild("Rules").textChannel("general").owner("admin").member("alice").build();
    send = "/channels/" + g.channel("general") + "/messages";
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** "path code" for every field error of a 50035 answer, e.g. "components.0.custom_id BASE_TYPE_BAD_LENGTH". */
  static List<String> fieldErrors(RawDiscord.Reply r) {
    assertThat(r.status()).as("status of %s", r.body()).isEqualTo(400);
    assertThat(r.code()).isEqualTo(50035);
    List<String> out = new ArrayList<>();
    collect(r.body().path("errors"), "", out);
    return out;
  }

  private static void collect(JsonNode node, String path, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("_errors")) {
        e.getValue().forEach(err -> out.add(path + " " + err.path("code").asText()));
      } else {
        collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
      }
    }
  }

  static String text(String content) {
    return "{\"type\":10,\"content\":\"" + content + "\"}";
  }

  static String button(String id) {
    return "{\"type\":2,\"style\":1,\"label\":\"" + id + "\",\"custom_id\":\"" + id + "\"}";
  }

  static String v2(String components) {
    return "{\"flags\":" + V2 + ",\"components\":" + components + "}";
  }

  private RawDiscord.Reply post(String body) {
    return raw().send("POST", send, body);
  }

  static final String LAYOUT = """
      [{"type":17,"accent_color":16729344,"components":[
         {"type":10,"content":"## Ticket #7"},
         {"type":9,"components":[{"type":10,"content":"opened by alice"}],
          "accessory":{"type":2,"style":4,"label":"Close","custom_id":"close"}},
         {"type":9,"components":[{"type":10,"content":"a thumbnail"}],
          "accessory":{"type":11,"media":{"url":"https://example.com/a.png"}}},
         {"type":14},
         {"type":12,"items":[{"media":{"url":"https://example.com/b.png"},"description":"b"}]},
         {"type":1,"components":[{"type":3,"custom_id":"priority","options":[
            {"label":"Low","value":"low"},{"label":"High","value":"high"}]}]}]},
       {"type":14,"spacing":2,"divider":false},
       {"type":10,"content":"-# footer"}]""";

  @Test
  void aComponentsV2LayoutIsStoredAsDiscordReturnsIt() {
    RawDiscord.Reply r = post(v2(LAYOUT));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    JsonNode container = r.body().path("components").path(0);
    assertThat(container.path("spoiler").asBoolean(true)).isFalse();
    JsonNode separator = container.path("components").path(3);
    assertThat(separator.path("spacing").asInt()).isEqualTo(1);
    assertThat(separator.path("divider").asBoolean()).isTrue();
    JsonNode thumbnail = container.path("components").path(2).path("accessory");
    assertThat(thumbnail.path("media").path("proxy_url").asText()).isEqualTo("https://example.com/a.png");
    assertThat(thumbnail.path("description").isNull()).isTrue();
    assertThat(r.body().path("flags").asInt() & V2).isEqualTo(V2);
    List<Integer> ids = new ArrayList<>();
    r.body().path("components").findValues("id").forEach(id -> {
      if (id.isInt()) {
        ids.add(id.asInt());
      }
    });
    assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
    MessageView stored = g.messages("general").get(0);
    assertThat(stored.text()).isEqualTo("## Ticket #7\nopened by alice\na thumbnail\n-# footer");
    assertThat(stored.buttonLabels()).containsExactly("Close");
  }

  @Test
  void fortyComponentsInTotalNestedOnesCounted() {
    // a container (1) holding 13 action rows of 2 buttons (39): 40
    String rows = String.join(",", java.util.stream.IntStream.range(0, 13)
        .mapToObj(i -> "{\"type\":1,\"components\":[" + button("a" + i) + "," + button("b" + i) + "]}").toList());
    assertThat(post(v2("[{\"type\":17,\"components\":[" + rows + "]}]")).status()).isEqualTo(200);
    String more = rows + ",{\"type\":10,\"content\":\"one more\"}";
    assertThat(fieldErrors(post(v2("[{\"type\":17,\"components\":[" + more + "]}]"))))
        .containsExactly("components COMPONENT_MAX_TOTAL_EXCEEDED");
  }

  @Test
  void textDisplaysHaveFourThousandCharactersTogether() {
    String half = "x".repeat(2000);
    assertThat(post(v2("[" + text(half) + "," + text(half) + "]")).status()).isEqualTo(200);
    assertThat(fieldErrors(post(v2("[" + text(half) + ",{\"type\":17,\"components\":[" + text(half + "y") + "]}]"))))
        .containsExactly("components COMPONENT_TEXT_DISPLAY_TOTAL_LENGTH_EXCEEDED");
  }

  @Test
  void contentAndEmbedsCannotBeUsedWithTheFlag() {
    assertThat(fieldErrors(post("{\"flags\":" + V2 + ",\"content\":\"hi\",\"components\":[" + text("t") + "]}")))
        .containsExactly("content MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2");
    assertThat(fieldErrors(post("{\"flags\":" + V2 + ",\"embeds\":[{\"title\":\"e\"}],\"components\":["
        + text("t") + "]}"))).containsExactly("embeds MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2");
    assertThat(post("{\"flags\":" + V2 + "}").code()).as("nothing to show").isEqualTo(50006);
  }

  @Test
  void layoutComponentsNeedTheFlagAndLegacyMessagesHaveFiveRows() {
    assertThat(fieldErrors(post("{\"components\":[" + text("no flag") + "]}")))
        .containsExactly("components.0 UNION_TYPE_CHOICES");
    String row = "{\"type\":1,\"components\":[" + button("ID") + "]}";
    List<String> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.add(row.replace("ID", "b" + i));
    }
    assertThat(fieldErrors(post("{\"content\":\"x\",\"components\":[" + String.join(",", six) + "]}")))
        .containsExactly("components BASE_TYPE_MAX_LENGTH");
    assertThat(post(v2("[" + String.join(",", six) + "]")).status()).as("no top-level limit with the flag")
        .isEqualTo(200);
  }

  @Test
  void componentsOnlyWhereDiscordAllowsThem() {
    assertThat(fieldErrors(post(v2("[{\"type\":17,\"components\":[" + button("b") + "]}]"))))
        .containsExactly("components.0.components.0 UNION_TYPE_CHOICES");
    assertThat(fieldErrors(post(v2("[" + button("top") + "]")))).containsExactly("components.0 UNION_TYPE_CHOICES");
    String fourTexts = String.join(",", text("1"), text("2"), text("3"), text("4"));
    assertThat(fieldErrors(post(v2("[{\"type\":9,\"components\":[" + fourTexts + "],\"accessory\":"
        + button("go") + "}]")))).containsExactly("components.0.components BASE_TYPE_BAD_LENGTH");
    assertThat(fieldErrors(post(v2("[{\"type\":9,\"components\":[" + text("t") + "]}]"))))
        .containsExactly("components.0.accessory BASE_TYPE_REQUIRED");
    assertThat(fieldErrors(post(v2("[{\"type\":9,\"components\":[" + text("t") + "],\"accessory\":"
        + text("not an accessory") + "}]")))).containsExactly("components.0.accessory UNION_TYPE_CHOICES");
    assertThat(fieldErrors(post(v2("[{\"type\":14,\"spacing\":3}]")))).containsExactly("components.0.spacing BASE_TYPE_CHOICES");
    assertThat(fieldErrors(post(v2("[{\"type\":13,\"file\":{\"url\":\"https://example.com/f.txt\"}}]"))))
        .containsExactly("components.0.file.url COMPONENT_FILE_NOT_AN_ATTACHMENT");
    assertThat(fieldErrors(post(v2("[{\"type\":12,\"items\":[]}]")))).containsExactly("components.0.items BASE_TYPE_BAD_LENGTH");
  }

  @Test
  void customIdsAreShortAndUniqueAcrossTheWholeMessage() {
    String longId = "x".repeat(101);
    assertThat(fieldErrors(post(v2("[{\"type\":17,\"components\":[" + text("t") + ",{\"type\":1,\"components\":["
        + button(longId) + "]}]}]")))).containsExactly("components.0.components.1.components.0.custom_id BASE_TYPE_BAD_LENGTH");
    assertThat(fieldErrors(post(v2("[{\"type\":1,\"components\":[" + button("same") + "]},{\"type\":17,\"components\":["
        + "{\"type\":9,\"components\":[" + text("t") + "],\"accessory\":" + button("same") + "}]}]"))))
        .containsExactly("components.1.components.0.accessory.custom_id COMPONENT_CUSTOM_ID_DUPLICATED");
    assertThat(fieldErrors(post(v2("[{\"type\":10,\"id\":5,\"content\":\"a\"},{\"type\":10,\"id\":5,\"content\":\"b\"}]"))))
        .containsExactly("components.1.id COMPONENT_ID_DUPLICATED");
  }

  @Test
  void buttonsAndSelectsFollowTheirRules() {
    assertThat(fieldErrors(post(v2("[{\"type\":1,\"components\":[" + button("b") + ",{\"type\":3,\"custom_id\":\"s\","
        + "\"options\":[{\"label\":\"A\",\"value\":\"a\"}]}]}]")))).containsExactly("components.0.components COMPONENT_LAYOUT_WIDTH_EXCEEDED");
    assertThat(fieldErrors(post(v2("[{\"type\":1,\"components\":[{\"type\":2,\"style\":5,\"label\":\"Docs\","
        + "\"url\":\"https://example.com\",\"custom_id\":\"docs\"}]}]")))).containsExactly("components.0.components.0.custom_id BUTTON_COMPONENT_FIELD_NOT_ALLOWED");
    assertThat(fieldErrors(post(v2("[{\"type\":1,\"components\":[{\"type\":2,\"style\":1,\"label\":\"No id\"}]}]"))))
        .containsExactly("components.0.components.0.custom_id BASE_TYPE_REQUIRED");
    assertThat(fieldErrors(post(v2(select("[" + options(26) + "]", "")))))
        .containsExactly("components.0.components.0.options BASE_TYPE_BAD_LENGTH");
    assertThat(fieldErrors(post(v2(select("[]", ""))))).containsExactly("components.0.components.0.options BASE_TYPE_BAD_LENGTH");
    assertThat(fieldErrors(post(v2(select("[" + options(3) + "]", ",\"min_values\":3,\"max_values\":2")))))
        .containsExactly("components.0.components.0.min_values SELECT_COMPONENT_MIN_VALUES_EXCEEDS_MAX");
    assertThat(fieldErrors(post(v2(select("[" + options(3) + "]", ",\"max_values\":4")))))
        .containsExactly("components.0.components.0.max_values SELECT_COMPONENT_MAX_VALUES_EXCEEDS_OPTIONS");
    assertThat(fieldErrors(post(v2(select("[{\"label\":\"A\",\"value\":\"a\"},{\"label\":\"B\",\"value\":\"a\"}]", "")))))
        .containsExactly("components.0.components.0.options.1.value SELECT_COMPONENT_OPTION_VALUE_DUPLICATED");
    assertThat(fieldErrors(post(v2(select("[" + options(3) + "]", ",\"max_values\":26")))))
        .containsExactly("components.0.components.0.max_values NUMBER_TYPE_MAX");
    assertThat(post(v2(select("[" + options(25) + "]", ",\"min_values\":1,\"max_values\":25"))).status()).isEqualTo(200);
  }

  static String options(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("{\"label\":\"Option " + i + "\",\"value\":\"o" + i + "\"}");
    }
    return String.join(",", out);
  }

  static String select(String options, String extra) {
    return "[{\"type\":1,\"components\":[{\"type\":3,\"custom_id\":\"s\",\"options\":" + options + extra + "}]}]";
  }

  @Test
  void theFlagCannotBeRemovedAndAnUpgradeClearsTheContent() {
    String v2Id = post(v2("[" + text("card") + "]")).body().path("id").asText();
    String edit = send + "/" + v2Id;
    assertThat(fieldErrors(raw().send("PATCH", edit, "{\"flags\":0}"))).containsExactly("flags MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG");
    assertThat(fieldErrors(raw().send("PATCH", edit, "{\"content\":\"plain again\"}")))
        .containsExactly("content MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2");
    // components of a V2 message are read as V2 without repeating the flag
    assertThat(raw().send("PATCH", edit, "{\"components\":[{\"type\":17,\"components\":[" + text("edited") + "]}]}")
        .status()).isEqualTo(200);
    assertThat(g.messages("general").get(0).text()).isEqualTo("edited");

    String plainId = post("{\"content\":\"legacy\"}").body().path("id").asText();
    String upgrade = send + "/" + plainId;
    assertThat(fieldErrors(raw().send("PATCH", upgrade, v2("[" + text("new") + "]"))))
        .containsExactly("content MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2");
    RawDiscord.Reply ok = raw().send("PATCH", upgrade, "{\"content\":null,\"flags\":" + V2 + ",\"components\":["
        + text("upgraded") + "]}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().path("flags").asInt() & V2).isEqualTo(V2);
    assertThat(ok.body().path("content").asText()).isEmpty();
  }

  /** A button interaction of alice's, not answered yet: its callback route. */
  private String pendingCallback() {
    String id = post("{\"content\":\"form\",\"components\":[{\"type\":1,\"components\":[" + button("form")
        + "]}]}").body().path("id").asText();
    var h = g.as("alice").click(Long.parseLong(id), "form");
    synchronized (emu.state()) {
      return "/interactions/" + h.id + "/" + emu.state().interactions.get(h.id).token + "/callback";
    }
  }

  static String modal(String components) {
    return "{\"type\":9,\"data\":{\"custom_id\":\"m\",\"title\":\"Form\",\"components\":" + components + "}}";
  }

  static String label(String child) {
    return "{\"type\":18,\"label\":\"Question\",\"component\":" + child + "}";
  }

  static String input(String id, String extra) {
    return "{\"type\":4,\"custom_id\":\"" + id + "\",\"style\":1" + extra + "}";
  }

  @Test
  void labelModalsFollowDiscordsRules() {
    String callback = pendingCallback();
    List<String> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.add(label(input("q" + i, "")));
    }
    assertThat(fieldErrors(raw().send("POST", callback, modal("[" + String.join(",", six) + "]"))))
        .containsExactly("data.components BASE_TYPE_BAD_LENGTH");
    assertThat(fieldErrors(raw().send("POST", callback, modal("[" + label(button("b")) + "]"))))
        .containsExactly("data.components.0.component UNION_TYPE_CHOICES");
    String select = "{\"type\":3,\"custom_id\":\"s\",\"options\":[" + options(3) + "]";
    assertThat(fieldErrors(raw().send("POST", callback, modal("[" + label(select + ",\"min_values\":0}") + "]"))))
        .containsExactly("data.components.0.component.min_values SELECT_COMPONENT_REQUIRED_MIN_VALUES");
    assertThat(fieldErrors(raw().send("POST", callback, modal("[" + label(select + ",\"disabled\":true}") + "]"))))
        .containsExactly("data.components.0.component.disabled MODAL_COMPONENT_DISABLED");
    assertThat(fieldErrors(raw().send("POST", callback, modal("[" + label(input("t", ",\"min_length\":9,"
        + "\"max_length\":5")) + "]")))).containsExactly("data.components.0.component.min_length TEXT_INPUT_MIN_LENGTH_EXCEEDS_MAX");
    assertThat(fieldErrors(raw().send("POST", callback, modal("[" + label(input("t", "")) + "," + label(input("t", ""))
        + "]")))).containsExactly("data.components.1.component.custom_id COMPONENT_CUSTOM_ID_DUPLICATED");
    assertThat(fieldErrors(raw().send("POST", callback, modal("[{\"type\":18,\"label\":\"" + "L".repeat(46)
        + "\",\"component\":" + input("t", "") + "}]")))).containsExactly("data.components.0.label BASE_TYPE_BAD_LENGTH");
    assertThat(fieldErrors(raw().send("POST", callback, modal("[{\"type\":1,\"components\":[" + input("a", "") + ","
        + input("b", "") + "]}]")))).containsExactly("data.components.0.components COMPONENT_LAYOUT_WIDTH_EXCEEDED");
    assertThat(fieldErrors(raw().send("POST", callback, "{\"type\":4,\"data\":{\"flags\":" + V2
        + ",\"content\":\"x\",\"components\":[" + text("t") + "]}}")))
        .as("a callback's fields are under data").containsExactly("data.content MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2");
    assertThat(g.messages("general")).hasSize(1);
  }

  @Test
  void theDeprecatedActionRowTextInputIsStillAcceptedAndSubmitted() {
    String callback = pendingCallback();
    long opener = Long.parseLong(callback.split("/")[2]);
    RawDiscord.Reply shown = raw().send("POST", callback, modal("[" + text("Tell us more") + ",{\"type\":1,"
        + "\"components\":[" + input("old", ",\"label\":\"Old style\",\"value\":\"pre-filled\"") + "]}]"));
    assertThat(shown.status()).as("%s", shown.body()).isEqualTo(204);
    var submitted = g.as("alice").submitModal(opener, Map.of());
    JsonNode data;
    synchronized (emu.state()) {
      data = emu.state().interactions.get(submitted.id).data.deepCopy();
    }
    assertThat(data.path("custom_id").asText()).isEqualTo("m");
    assertThat(data.path("components").path(0).path("type").asInt()).isEqualTo(10);
    assertThat(data.path("components").path(0).has("content")).as("a text display comes back as type and id").isFalse();
    JsonNode row = data.path("components").path(1);
    assertThat(row.path("type").asInt()).isEqualTo(1);
    assertThat(row.path("components").path(0).path("value").asText()).as("the pre-filled value").isEqualTo("pre-filled");
    assertThat(List.of(data.path("components").path(0).path("id").asInt(), row.path("id").asInt(),
        row.path("components").path(0).path("id").asInt())).doesNotHaveDuplicates().doesNotContain(0);
  }
}
