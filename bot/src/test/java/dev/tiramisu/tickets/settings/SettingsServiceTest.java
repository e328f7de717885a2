package dev.tiramisu.tickets.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.testing.InMemorySettingsStore;
import dev.tiramisu.tickets.testing.MutableClock;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsServiceTest {
  static final long GUILD = 1;
  static final Actor MANAGER = new Actor(2, Set.of(), true, false);
  static final Actor MEMBER = Actor.member(3, 30L);

  final InMemorySettingsStore store = new InMemorySettingsStore();
  final SettingsService service =
      new SettingsService(store, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
  final Messages messages = Messages.english();

  @Test
  void a_manager_sets_a_value_and_reads_it_back() {
    GuildSettings after = service.set(GUILD, MANAGER, "ticket_channel", "<#55>").value();

    assertThat(after.ticketChannelId()).isEqualTo(55L);
    assertThat(service.get(GUILD)).isEqualTo(after);
  }

  @Test
  void members_without_manage_server_cannot_change_settings() {
    assertThat(service.set(GUILD, MEMBER, "ticket_channel", "55").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_SETTINGS_NOT_ALLOWED));
    assertThat(service.get(GUILD)).isEqualTo(GuildSettings.defaults(GUILD));
  }

  @Test
  void parse_reports_unknown_names_and_bad_values_without_saving() {
    assertThat(service.parse("colour", "red").refusal().key())
        .isEqualTo(MessageKey.ERROR_SETTING_UNKNOWN);
    assertThat(service.set(GUILD, MANAGER, "require_reason", "perhaps").refusal().key())
        .isEqualTo(MessageKey.ERROR_SETTING_INVALID_BOOLEAN);
    assertThat(service.get(GUILD)).isEqualTo(GuildSettings.defaults(GUILD));
  }

  @Test
  void parse_then_apply_lets_the_adapter_check_in_between() {
    SettingChange change = service.parse("staff-role", "<@&9>").value();

    assertThat(change).isEqualTo(new SettingChange(SettingKey.STAFF_ROLE,
        new SettingValue.Snowflake(9)));
    assertThat(change.isReset()).isFalse();
    assertThat(service.apply(GUILD, MANAGER, change).value().staffRoleId()).isEqualTo(9L);
    assertThat(service.parse("staff_role", "none").value().isReset()).isTrue();
  }

  @Test
  void values_are_displayed_for_users() {
    GuildSettings s = service.set(GUILD, MANAGER, "modlog_channel", "5").value();
    s = service.set(GUILD, MANAGER, "staff_role", "6").value();
    s = service.set(GUILD, MANAGER, "creator_can_close", "off").value();
    s = service.set(GUILD, MANAGER, "name_template", "*{number}*").value();

    assertThat(SettingsService.display(s, SettingKey.MODLOG_CHANNEL, messages)).isEqualTo("<#5>");
    assertThat(SettingsService.display(s, SettingKey.STAFF_ROLE, messages)).isEqualTo("<@&6>");
    assertThat(SettingsService.display(s, SettingKey.CREATOR_CAN_CLOSE, messages)).isEqualTo("off");
    assertThat(SettingsService.display(s, SettingKey.REQUIRE_REASON, messages)).isEqualTo("on");
    assertThat(SettingsService.display(s, SettingKey.TICKET_CHANNEL, messages))
        .isEqualTo("not set");
    assertThat(SettingsService.display(s, SettingKey.NAME_TEMPLATE, messages))
        .isEqualTo("\\*{number}\\*");
  }

  @Test
  void the_inactivity_warning_must_come_before_the_close() {
    service.set(GUILD, MANAGER, "autoclose_after", "72h").value();
    assertThat(service.set(GUILD, MANAGER, "autoclose_warning", "3d").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_SETTING_WARNING_NOT_BEFORE, "3d", "3d"));
    GuildSettings after = service.set(GUILD, MANAGER, "autoclose_warning", "1d").value();
    assertThat(after.autocloseWarnAt()).isEqualTo(java.time.Duration.ofHours(48));
    assertThat(SettingsService.display(after, SettingKey.AUTOCLOSE_AFTER, messages))
        .isEqualTo("3d");
    assertThat(SettingsService.display(after, SettingKey.CREATE_COOLDOWN, messages))
        .isEqualTo("off");
    assertThat(SettingsService.display(
        service.set(GUILD, MANAGER, "max_open_per_user", "0").value(),
        SettingKey.MAX_OPEN_PER_USER, messages)).isEqualTo("no limit");
  }
}
