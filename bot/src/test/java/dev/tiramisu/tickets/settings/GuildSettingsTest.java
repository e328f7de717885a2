package dev.tiramisu.tickets.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GuildSettingsTest {
  static final GuildSettings DEFAULTS = GuildSettings.defaults(1);

  @Test
  void defaults_match_the_documented_ones() {
    assertThat(DEFAULTS.ticketsEnabled()).isFalse();
    assertThat(DEFAULTS.requireReason()).isTrue();
    assertThat(DEFAULTS.creatorCanClose()).isTrue();
    assertThat(DEFAULTS.nameTemplate().template()).isEqualTo("Ticket #{number}");
    assertThat(DEFAULTS.logChannelId()).isEmpty();
  }

  @Test
  void logs_go_to_the_transcript_channel_else_the_modlog() {
    GuildSettings modlogOnly = DEFAULTS.with(SettingKey.MODLOG_CHANNEL, new SettingValue.Snowflake(5));
    GuildSettings both =
        modlogOnly.with(SettingKey.TRANSCRIPT_CHANNEL, new SettingValue.Snowflake(6));

    assertThat(modlogOnly.logChannelId()).isEqualTo(OptionalLong.of(5));
    assertThat(both.logChannelId()).isEqualTo(OptionalLong.of(6));
  }

  @Test
  void with_and_get_agree_for_every_key_and_reset_restores_defaults() {
    GuildSettings s = DEFAULTS;
    for (SettingKey key : SettingKey.values()) {
      SettingValue value;
      switch (key.kind()) {
        case CHANNEL:
        case ROLE:
          value = new SettingValue.Snowflake(100 + key.ordinal());
          break;
        case BOOLEAN:
          value = new SettingValue.Flag(false);
          break;
        case NUMBER:
          value = new SettingValue.Count(4);
          break;
        case DURATION:
          value = new SettingValue.Span(java.time.Duration.ofMinutes(10 + key.ordinal()));
          break;
        default:
          value = new SettingValue.Template(NameTemplate.of("T{number}"));
      }
      s = s.with(key, value);
    }
    assertThat(s).isEqualTo(new GuildSettings(1, 100L, 101L, 102L, 103L, false, false,
        NameTemplate.of("T{number}"), 4,
        java.time.Duration.ofMinutes(10 + SettingKey.CREATE_COOLDOWN.ordinal()),
        java.time.Duration.ofMinutes(10 + SettingKey.AUTOCLOSE_AFTER.ordinal()),
        java.time.Duration.ofMinutes(10 + SettingKey.AUTOCLOSE_WARNING.ordinal()), false, false,
        false, false));
    assertThat(s.get(SettingKey.STAFF_ROLE)).isEqualTo(101L);
    assertThat(s.get(SettingKey.CREATOR_CAN_CLOSE)).isEqualTo(false);

    for (SettingKey key : SettingKey.values()) {
      s = s.with(key, new SettingValue.Reset());
    }
    assertThat(s).isEqualTo(DEFAULTS);
  }
}
