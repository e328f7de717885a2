package dev.tiramisu.tickets.settings;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A kind of ticket a guild offers ("Billing", "Report a player"), managed with {@code
 * /tickettype}. Every nullable field (and an empty {@code staffRoleIds}) means "the guild's
 * setting": a type overrides only what it sets (see {@link GuildSettings#forType}).
 *
 * @param id database id (used in component ids, never the name)
 * @param guildId the guild
 * @param name shown to members, unique among the guild's types (case-insensitive)
 * @param emoji a unicode emoji or {@code <:name:id>}, or null
 * @param description a short line shown in the type select, or null
 * @param channelId the text channel whose private threads hold its tickets, or null
 * @param staffRoleIds who handles its tickets (empty = the guild's {@code staff_role})
 * @param nameTemplate thread names, or null
 * @param maxOpenPerUser open limit, or null
 * @param createCooldown cooldown, or null
 * @param isDefault the type a migrated guild's configuration became
 */
public record TicketType(
    long id,
    long guildId,
    String name,
    String emoji,
    String description,
    Long channelId,
    List<Long> staffRoleIds,
    NameTemplate nameTemplate,
    Integer maxOpenPerUser,
    Duration createCooldown,
    boolean isDefault) {

  /** Longest type name (fits a button label and a select option with room to spare). */
  public static final int MAX_NAME = 40;
  /** Longest description (a select option's description allows 100). */
  public static final int MAX_DESCRIPTION = 100;
  /** Most staff roles per type. */
  public static final int MAX_STAFF_ROLES = 5;
  /** Most types per guild (a string select holds 25 options). */
  public static final int MAX_PER_GUILD = 25;

  public TicketType {
    Objects.requireNonNull(name, "name");
    staffRoleIds = List.copyOf(staffRoleIds);
  }

  /** This type with other values (null leaves a field as it is, see {@link Edit}). */
  public TicketType with(Edit e) {
    return new TicketType(id, guildId,
        e.name() != null ? e.name() : name,
        e.emoji() != null ? e.emoji().orElse(null) : emoji,
        e.description() != null ? e.description().orElse(null) : description,
        e.channelId() != null ? e.channelId().orElse(null) : channelId,
        e.staffRoleIds() != null ? e.staffRoleIds() : staffRoleIds,
        e.nameTemplate() != null ? e.nameTemplate().orElse(null) : nameTemplate,
        e.maxOpenPerUser() != null ? e.maxOpenPerUser().orElse(null) : maxOpenPerUser,
        e.createCooldown() != null ? e.createCooldown().orElse(null) : createCooldown,
        isDefault);
  }

  /**
   * What {@code /tickettype create|edit} changes: null = unchanged; an empty Optional = back to
   * "inherit" (or no emoji / description).
   */
  public record Edit(
      String name,
      java.util.Optional<String> emoji,
      java.util.Optional<String> description,
      java.util.Optional<Long> channelId,
      List<Long> staffRoleIds,
      java.util.Optional<NameTemplate> nameTemplate,
      java.util.Optional<Integer> maxOpenPerUser,
      java.util.Optional<Duration> createCooldown) {

    /** Whether this edit changes nothing. */
    public boolean isEmpty() {
      return name == null && emoji == null && description == null && channelId == null
          && staffRoleIds == null && nameTemplate == null && maxOpenPerUser == null
          && createCooldown == null;
    }
  }
}
