package dev.tiramisu.tickets.settings;

import dev.tiramisu.tickets.common.Actor;
import java.time.Duration;
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
 * @param maxOpenPerUser open tickets one member may have at once (default 1; 0 = no limit)
 * @param createCooldown the wait between two tickets of one member (default zero = none)
 * @param autocloseAfter inactivity after which a ticket closes (default zero = never)
 * @param autocloseWarning how long before that close the ticket is warned (zero = no warning)
 * @param creatorCanAdd whether a ticket's creator may add members (default false)
 * @param claimNotice whether staff acting on a ticket claimed by someone else are told so
 * @param transcriptDm whether the creator's DM at close carries the transcript (default true)
 * @param feedback whether the close DM carries the 1-5 rating buttons (default true)
 * @param typeStaffRoleIds the staff roles of a ticket's {@link TicketType} when it names its own
 *     (then they, not {@code staffRoleId}, are the ticket's staff); empty for the guild's own
 *     settings (see {@link #forType})
 */
public record GuildSettings(
    long guildId,
    Long ticketChannelId,
    Long staffRoleId,
    Long modlogChannelId,
    Long transcriptChannelId,
    boolean requireReason,
    boolean creatorCanClose,
    NameTemplate nameTemplate,
    int maxOpenPerUser,
    Duration createCooldown,
    Duration autocloseAfter,
    Duration autocloseWarning,
    boolean creatorCanAdd,
    boolean claimNotice,
    boolean transcriptDm,
    boolean feedback,
    java.util.List<Long> typeStaffRoleIds) {

  public static final boolean DEFAULT_REQUIRE_REASON = true;
  public static final boolean DEFAULT_CREATOR_CAN_CLOSE = true;
  public static final int DEFAULT_MAX_OPEN_PER_USER = 1;
  public static final Duration DEFAULT_CREATE_COOLDOWN = Duration.ZERO;
  public static final Duration DEFAULT_AUTOCLOSE_AFTER = Duration.ZERO;
  public static final Duration DEFAULT_AUTOCLOSE_WARNING = Duration.ofHours(24);
  public static final boolean DEFAULT_CREATOR_CAN_ADD = false;
  public static final boolean DEFAULT_CLAIM_NOTICE = true;
  public static final boolean DEFAULT_TRANSCRIPT_DM = true;
  public static final boolean DEFAULT_FEEDBACK = true;

  public GuildSettings {
    Objects.requireNonNull(nameTemplate, "nameTemplate");
    Objects.requireNonNull(createCooldown, "createCooldown");
    Objects.requireNonNull(autocloseAfter, "autocloseAfter");
    Objects.requireNonNull(autocloseWarning, "autocloseWarning");
    typeStaffRoleIds = java.util.List.copyOf(typeStaffRoleIds);
    if (maxOpenPerUser < 0) {
      throw new IllegalArgumentException("maxOpenPerUser < 0");
    }
  }

  /** The guild's own settings (no ticket type's staff roles). */
  public GuildSettings(long guildId, Long ticketChannelId, Long staffRoleId, Long modlogChannelId,
      Long transcriptChannelId, boolean requireReason, boolean creatorCanClose,
      NameTemplate nameTemplate, int maxOpenPerUser, Duration createCooldown,
      Duration autocloseAfter, Duration autocloseWarning, boolean creatorCanAdd,
      boolean claimNotice, boolean transcriptDm, boolean feedback) {
    this(guildId, ticketChannelId, staffRoleId, modlogChannelId, transcriptChannelId,
        requireReason, creatorCanClose, nameTemplate, maxOpenPerUser, createCooldown,
        autocloseAfter, autocloseWarning, creatorCanAdd, claimNotice, transcriptDm, feedback,
        java.util.List.of());
  }

  /** The guild's own settings, {@code transcript_dm} and {@code feedback} at their defaults. */
  public GuildSettings(long guildId, Long ticketChannelId, Long staffRoleId, Long modlogChannelId,
      Long transcriptChannelId, boolean requireReason, boolean creatorCanClose,
      NameTemplate nameTemplate, int maxOpenPerUser, Duration createCooldown,
      Duration autocloseAfter, Duration autocloseWarning, boolean creatorCanAdd,
      boolean claimNotice) {
    this(guildId, ticketChannelId, staffRoleId, modlogChannelId, transcriptChannelId,
        requireReason, creatorCanClose, nameTemplate, maxOpenPerUser, createCooldown,
        autocloseAfter, autocloseWarning, creatorCanAdd, claimNotice, DEFAULT_TRANSCRIPT_DM,
        DEFAULT_FEEDBACK);
  }

  /** The original settings; every later one at its default. */
  public GuildSettings(long guildId, Long ticketChannelId, Long staffRoleId, Long modlogChannelId,
      Long transcriptChannelId, boolean requireReason, boolean creatorCanClose,
      NameTemplate nameTemplate) {
    this(guildId, ticketChannelId, staffRoleId, modlogChannelId, transcriptChannelId,
        requireReason, creatorCanClose, nameTemplate, DEFAULT_MAX_OPEN_PER_USER,
        DEFAULT_CREATE_COOLDOWN, DEFAULT_AUTOCLOSE_AFTER, DEFAULT_AUTOCLOSE_WARNING,
        DEFAULT_CREATOR_CAN_ADD, DEFAULT_CLAIM_NOTICE);
  }

  /** A guild that never changed a setting. */
  public static GuildSettings defaults(long guildId) {
    return new GuildSettings(guildId, null, null, null, null, DEFAULT_REQUIRE_REASON,
        DEFAULT_CREATOR_CAN_CLOSE, NameTemplate.DEFAULT);
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
    return actor.canManageServer() || staffRoles().stream().anyMatch(actor.roleIds()::contains);
  }

  /**
   * The roles whose members are staff (and are pinged by a new ticket): a ticket type's own staff
   * roles, else {@code staff_role} (empty when neither is set).
   */
  public java.util.List<Long> staffRoles() {
    if (!typeStaffRoleIds.isEmpty()) {
      return typeStaffRoleIds;
    }
    return staffRoleId == null ? java.util.List.of() : java.util.List.of(staffRoleId);
  }

  /**
   * The settings a ticket of {@code type} lives by: the type's channel, staff roles, name
   * template, open limit and cooldown where it sets them, the guild's otherwise (a type field left
   * empty inherits the guild's setting, now and after later {@code /setting} changes). Staff of a
   * typed ticket are the type's roles (plus Manage Server), not the guild's {@code staff_role}.
   */
  public GuildSettings forType(TicketType type) {
    if (type == null) {
      return this;
    }
    return new GuildSettings(guildId,
        type.channelId() != null ? type.channelId() : ticketChannelId,
        type.staffRoleIds().isEmpty() ? staffRoleId : type.staffRoleIds().get(0),
        modlogChannelId, transcriptChannelId, requireReason, creatorCanClose,
        type.nameTemplate() != null ? type.nameTemplate() : nameTemplate,
        type.maxOpenPerUser() != null ? type.maxOpenPerUser() : maxOpenPerUser,
        type.createCooldown() != null ? type.createCooldown() : createCooldown,
        autocloseAfter, autocloseWarning, creatorCanAdd, claimNotice, transcriptDm, feedback,
        type.staffRoleIds());
  }

  /** This settings object with one value changed ({@link SettingValue.Reset} = default). */
  public GuildSettings with(SettingKey key, SettingValue value) {
    Builder b = new Builder(this);
    boolean reset = value instanceof SettingValue.Reset;
    GuildSettings d = defaults(guildId);
    switch (key) {
      case TICKET_CHANNEL -> b.ticketChannelId = reset ? null : id(value);
      case STAFF_ROLE -> b.staffRoleId = reset ? null : id(value);
      case MODLOG_CHANNEL -> b.modlogChannelId = reset ? null : id(value);
      case TRANSCRIPT_CHANNEL -> b.transcriptChannelId = reset ? null : id(value);
      case REQUIRE_REASON -> b.requireReason = reset ? d.requireReason : flag(value);
      case CREATOR_CAN_CLOSE -> b.creatorCanClose = reset ? d.creatorCanClose : flag(value);
      case NAME_TEMPLATE -> b.nameTemplate =
          reset ? d.nameTemplate : ((SettingValue.Template) value).template();
      case MAX_OPEN_PER_USER -> b.maxOpenPerUser =
          reset ? d.maxOpenPerUser : ((SettingValue.Count) value).n();
      case CREATE_COOLDOWN -> b.createCooldown = reset ? d.createCooldown : span(value);
      case AUTOCLOSE_AFTER -> b.autocloseAfter = reset ? d.autocloseAfter : span(value);
      case AUTOCLOSE_WARNING -> b.autocloseWarning = reset ? d.autocloseWarning : span(value);
      case CREATOR_CAN_ADD -> b.creatorCanAdd = reset ? d.creatorCanAdd : flag(value);
      case CLAIM_NOTICE -> b.claimNotice = reset ? d.claimNotice : flag(value);
      case TRANSCRIPT_DM -> b.transcriptDm = reset ? d.transcriptDm : flag(value);
      case FEEDBACK -> b.feedback = reset ? d.feedback : flag(value);
      default -> throw new AssertionError(key);
    }
    return b.build();
  }

  /**
   * The current value of {@code key}: a {@code Long} id or null, a {@code Boolean}, a template, an
   * {@code Integer} or a {@link Duration}.
   */
  public Object get(SettingKey key) {
    return switch (key) {
      case TICKET_CHANNEL -> ticketChannelId;
      case STAFF_ROLE -> staffRoleId;
      case MODLOG_CHANNEL -> modlogChannelId;
      case TRANSCRIPT_CHANNEL -> transcriptChannelId;
      case REQUIRE_REASON -> requireReason;
      case CREATOR_CAN_CLOSE -> creatorCanClose;
      case NAME_TEMPLATE -> nameTemplate;
      case MAX_OPEN_PER_USER -> maxOpenPerUser;
      case CREATE_COOLDOWN -> createCooldown;
      case AUTOCLOSE_AFTER -> autocloseAfter;
      case AUTOCLOSE_WARNING -> autocloseWarning;
      case CREATOR_CAN_ADD -> creatorCanAdd;
      case CLAIM_NOTICE -> claimNotice;
      case TRANSCRIPT_DM -> transcriptDm;
      case FEEDBACK -> feedback;
    };
  }

  /**
   * When an inactive ticket gets its warning, counted from its last message: {@code
   * autoclose_after - autoclose_warning}; zero when there is no warning or auto-close is off.
   */
  public Duration autocloseWarnAt() {
    if (autocloseAfter.isZero() || autocloseWarning.isZero()
        || autocloseWarning.compareTo(autocloseAfter) >= 0) {
      return Duration.ZERO;
    }
    return autocloseAfter.minus(autocloseWarning);
  }

  private static long id(SettingValue value) {
    return ((SettingValue.Snowflake) value).id();
  }

  private static boolean flag(SettingValue value) {
    return ((SettingValue.Flag) value).on();
  }

  private static Duration span(SettingValue value) {
    return ((SettingValue.Span) value).duration();
  }

  /** A mutable copy, so {@link #with} changes one field without repeating the others. */
  private static final class Builder {
    private final long guildId;
    private Long ticketChannelId;
    private Long staffRoleId;
    private Long modlogChannelId;
    private Long transcriptChannelId;
    private boolean requireReason;
    private boolean creatorCanClose;
    private NameTemplate nameTemplate;
    private int maxOpenPerUser;
    private Duration createCooldown;
    private Duration autocloseAfter;
    private Duration autocloseWarning;
    private boolean creatorCanAdd;
    private boolean claimNotice;
    private boolean transcriptDm;
    private boolean feedback;
    private java.util.List<Long> typeStaffRoleIds;

    Builder(GuildSettings s) {
      guildId = s.guildId;
      ticketChannelId = s.ticketChannelId;
      staffRoleId = s.staffRoleId;
      modlogChannelId = s.modlogChannelId;
      transcriptChannelId = s.transcriptChannelId;
      requireReason = s.requireReason;
      creatorCanClose = s.creatorCanClose;
      nameTemplate = s.nameTemplate;
      maxOpenPerUser = s.maxOpenPerUser;
      createCooldown = s.createCooldown;
      autocloseAfter = s.autocloseAfter;
      autocloseWarning = s.autocloseWarning;
      creatorCanAdd = s.creatorCanAdd;
      claimNotice = s.claimNotice;
      transcriptDm = s.transcriptDm;
      feedback = s.feedback;
      typeStaffRoleIds = s.typeStaffRoleIds;
    }

    GuildSettings build() {
      return new GuildSettings(guildId, ticketChannelId, staffRoleId, modlogChannelId,
          transcriptChannelId, requireReason, creatorCanClose, nameTemplate, maxOpenPerUser,
          createCooldown, autocloseAfter, autocloseWarning, creatorCanAdd, claimNotice,
          transcriptDm, feedback, typeStaffRoleIds);
    }
  }
}
