package dev.tiramisu.tickets.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import org.junit.jupiter.api.Test;

class SettingKeyTest {

  @Test
  void names_are_found_leniently() {
    assertThat(SettingKey.byName("ticket_channel")).contains(SettingKey.TICKET_CHANNEL);
    assertThat(SettingKey.byName(" Staff-Role ")).contains(SettingKey.STAFF_ROLE);
    assertThat(SettingKey.byName("name template")).contains(SettingKey.NAME_TEMPLATE);
    assertThat(SettingKey.byName("nope")).isEmpty();
    assertThat(SettingKey.byName(null)).isEmpty();
  }

  @Test
  void an_unknown_name_lists_the_known_ones_escaped() {
    assertThat(SettingKey.parse("*bold*").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_SETTING_UNKNOWN, "\\*bold\\*",
            "ticket_channel, staff_role, modlog_channel, transcript_channel, require_reason,"
                + " creator_can_close, name_template, max_open_per_user, create_cooldown,"
                + " autoclose_after, autoclose_warning, creator_can_add, claim_notice,"
                + " transcript_dm, feedback"));
  }

  @Test
  void channels_accept_mentions_ids_and_none() {
    SettingKey k = SettingKey.TICKET_CHANNEL;

    assertThat(k.parseValue("<#123456789012345678>").value())
        .isEqualTo(new SettingValue.Snowflake(123456789012345678L));
    assertThat(k.parseValue(" 42 ").value()).isEqualTo(new SettingValue.Snowflake(42));
    assertThat(k.parseValue("NONE").value()).isEqualTo(new SettingValue.Reset());
    assertThat(k.parseValue("default").value()).isEqualTo(new SettingValue.Reset());
  }

  @Test
  void channel_errors_quote_the_value_safely() {
    SettingKey k = SettingKey.MODLOG_CHANNEL;

    for (String bad : new String[] {"general", "<@&123>", "<#abc>", "0", "-5", "",
        "99999999999999999999"}) {
      assertThat(k.parseValue(bad).refusal().key()).as(bad)
          .isEqualTo(MessageKey.ERROR_SETTING_INVALID_CHANNEL);
    }
    assertThat(k.parseValue("@everyone").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_SETTING_INVALID_CHANNEL, "modlog_channel",
            "@\u200Beveryone"));
    assertThat((String) k.parseValue("y".repeat(500)).refusal().args().get(1)).hasSize(100);
  }

  @Test
  void roles_accept_role_mentions_and_ids_but_not_channels() {
    SettingKey k = SettingKey.STAFF_ROLE;

    assertThat(k.parseValue("<@&77>").value()).isEqualTo(new SettingValue.Snowflake(77));
    assertThat(k.parseValue("77").value()).isEqualTo(new SettingValue.Snowflake(77));
    assertThat(k.parseValue("<#77>").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_SETTING_INVALID_ROLE, "staff_role", "\\<\\#77\\>"));
    assertThat(k.parseValue("<@77>").refusal().key())
        .isEqualTo(MessageKey.ERROR_SETTING_INVALID_ROLE);
  }

  @Test
  void booleans_accept_common_words() {
    SettingKey k = SettingKey.REQUIRE_REASON;

    for (String yes : new String[] {"true", "YES", "on", "1", "enable", "Enabled"}) {
      assertThat(k.parseValue(yes).value()).as(yes).isEqualTo(new SettingValue.Flag(true));
    }
    for (String no : new String[] {"false", "no", "OFF", "0", "disable", "disabled"}) {
      assertThat(k.parseValue(no).value()).as(no).isEqualTo(new SettingValue.Flag(false));
    }
    assertThat(SettingKey.CREATOR_CAN_CLOSE.parseValue("maybe").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_SETTING_INVALID_BOOLEAN, "creator_can_close",
            "maybe"));
    assertThat(k.parseValue("none").refusal().key())
        .isEqualTo(MessageKey.ERROR_SETTING_INVALID_BOOLEAN);
  }

  @Test
  void templates_are_validated() {
    Result<SettingValue> ok = SettingKey.NAME_TEMPLATE.parseValue("help-{number}");

    assertThat(ok.value())
        .isEqualTo(new SettingValue.Template(NameTemplate.of("help-{number}")));
    assertThat(SettingKey.NAME_TEMPLATE.parseValue("help").refusal().key())
        .isEqualTo(MessageKey.ERROR_SETTING_TEMPLATE_NO_NUMBER);
    assertThat(SettingKey.NAME_TEMPLATE.parseValue("default").value())
        .isEqualTo(new SettingValue.Reset());
  }

  @Test
  void every_key_has_a_distinct_description() {
    assertThat(java.util.Arrays.stream(SettingKey.values()).map(SettingKey::description))
        .doesNotHaveDuplicates()
        .allSatisfy(d -> assertThat(d.key()).startsWith("setting.description."));
  }

  @Test
  void numbers_take_zero_to_the_limit_and_off() {
    assertThat(SettingKey.MAX_OPEN_PER_USER.parseValue("3").value())
        .isEqualTo(new SettingValue.Count(3));
    assertThat(SettingKey.MAX_OPEN_PER_USER.parseValue("unlimited").value())
        .isEqualTo(new SettingValue.Count(0));
    assertThat(SettingKey.MAX_OPEN_PER_USER.parseValue("51").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_SETTING_INVALID_NUMBER, "max_open_per_user", "51",
            0, SettingKey.MAX_OPEN_LIMIT));
    assertThat(SettingKey.MAX_OPEN_PER_USER.parseValue("-1").isRefused()).isTrue();
  }

  @Test
  void durations_are_bounded_per_setting() {
    assertThat(SettingKey.AUTOCLOSE_AFTER.parseValue("72h").value())
        .isEqualTo(new SettingValue.Span(java.time.Duration.ofHours(72)));
    assertThat(SettingKey.AUTOCLOSE_AFTER.parseValue("off").value())
        .isEqualTo(new SettingValue.Span(java.time.Duration.ZERO));
    assertThat(SettingKey.AUTOCLOSE_AFTER.parseValue("5m").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_DURATION_RANGE, "5m", "10m", "90d"));
    assertThat(SettingKey.CREATE_COOLDOWN.parseValue("soon").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_DURATION_INVALID, "soon"));
  }
}
