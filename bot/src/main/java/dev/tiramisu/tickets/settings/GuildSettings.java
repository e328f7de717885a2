package dev.tiramisu.tickets.settings;

import dev.tiramisu.tickets.common.Actor;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One guild's ticket settings. Nullable ids mean "not set".
 *
 * @param guildId the guild
 * @param ticketChannelId where ticket threads are created; tickets are disabled while null
 * @param staffRoleId members with this role are staff (mentioned in new tickets, may close)
 * @param modlogChannelId where closes are logged when no transcript channel is set
 * @param transcriptChannelId preferred log destination
 * @param requireReason whether opening a ticket needs a reason (default true)
 * @param creatorCanClose whether a ticket's creator may close it (default true)
 * @param nameTemplate thread names (default {@code Ticket #{number}})
 */
public record GuildSettings(
    long guildId,
    Long ticketChannelId,
    Long staffRoleId,
    Long modlogChannelId,
    Long transcriptChannelId,
    boolean requireReason,
    boolean creatorCanClose,
    NameTemplate nameTemplate) {

  public static final boolean DEFAULT_REQUIRE_REASON = true;
  public static final boolean DEFAULT_CREATOR_CAN_CLOSE = true;

  public GuildSettings {
    Objects.requireNonNull(nameTemplate, "nameTemplate");
  }

  /** A guild that never changed a setting. */
  public static GuildSettings defaults(long guildId) {
    return new GuildSettings(
        guildId,
        null,
        null,
        null,
        null,
        DEFAULT_REQUIRE_REASON,
        DEFAULT_CREATOR_CAN_CLOSE,
        NameTemplate.DEFAULT);
  }

  /** Tickets can be opened once {@code ticket_channel} is set. */
  public boolean ticketsEnabled() {
    return ticketChannelId != null;
  }

  /** Where ticket events are logged: {@code transcript_channel}, else {@code modlog_channel}. */
  public OptionalLong logChannelId() {
    if (transcriptChannelId != null) {
      return OptionalLong.of(transcriptChannelId);
    }
    return modlogChannelId != null ? OptionalLong.of(modlogChannelId) : OptionalLong.empty();
  }

  /**
   * Staff are members with {@code staff_role}, or with Manage Server or Administrator (so a guild
   * without a staff role still has someone who can close tickets).
   */
  public boolean isStaff(Actor actor) {
    return actor.canManageServer()
        || (staffRoleId != null && actor.roleIds().contains(staffRoleId));
  }

  /** This settings object with one value changed ({@link SettingValue.Reset} = default). */
  public GuildSettings with(SettingKey key, SettingValue value) {
    GuildSettings d = defaults(guildId);
    boolean reset = value instanceof SettingValue.Reset;
    switch (key) {
      case TICKET_CHANNEL:
        return new GuildSettings(guildId, reset ? null : id(value), staffRoleId, modlogChannelId,
            transcriptChannelId, requireReason, creatorCanClose, nameTemplate);
      case STAFF_ROLE:
        return new GuildSettings(guildId, ticketChannelId, reset ? null : id(value),
            modlogChannelId, transcriptChannelId, requireReason, creatorCanClose, nameTemplate);
      case MODLOG_CHANNEL:
        return new GuildSettings(guildId, ticketChannelId, staffRoleId, reset ? null : id(value),
            transcriptChannelId, requireReason, creatorCanClose, nameTemplate);
      case TRANSCRIPT_CHANNEL:
        return new GuildSettings(guildId, ticketChannelId, staffRoleId, modlogChannelId,
            reset ? null : id(value), requireReason, creatorCanClose, nameTemplate);
      case REQUIRE_REASON:
        return new GuildSettings(guildId, ticketChannelId, staffRoleId, modlogChannelId,
            transcriptChannelId, reset ? d.requireReason : flag(value), creatorCanClose,
            nameTemplate);
      case CREATOR_CAN_CLOSE:
        return new GuildSettings(guildId, ticketChannelId, staffRoleId, modlogChannelId,
            transcriptChannelId, requireReason, reset ? d.creatorCanClose : flag(value),
            nameTemplate);
      case NAME_TEMPLATE:
        return new GuildSettings(guildId, ticketChannelId, staffRoleId, modlogChannelId,
            transcriptChannelId, requireReason, creatorCanClose,
            reset ? d.nameTemplate : ((SettingValue.Template) value).template());
      default:
        throw new AssertionError(key);
    }
  }

  /** The current value of {@code key}: a {@code Long} id or null, a {@code Boolean}, or a template. */
  public Object get(SettingKey key) {
    switch (key) {
      case TICKET_CHANNEL:
        return ticketChannelId;
      case STAFF_ROLE:
        return staffRoleId;
      case MODLOG_CHANNEL:
        return modlogChannelId;
      case TRANSCRIPT_CHANNEL:
        return transcriptChannelId;
      case REQUIRE_REASON:
        return requireReason;
      case CREATOR_CAN_CLOSE:
        return creatorCanClose;
      case NAME_TEMPLATE:
        return nameTemplate;
      default:
        throw new AssertionError(key);
    }
  }

  private static long id(SettingValue value) {
    return ((SettingValue.Snowflake) value).id();
  }

  private static boolean flag(SettingValue value) {
    return ((SettingValue.Flag) value).on();
  }
}
