package dev.tiramisu.tickets.settings;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The per-guild settings an admin can change with {@code /setting set <name> <value>}.
 *
 * <p>Values are parsed leniently but strictly validated:
 *
 * <ul>
 *   <li>channels: {@code <#id>} (what Discord sends for a mentioned channel) or a bare id;
 *   <li>roles: {@code <@&id>} or a bare id;
 *   <li>booleans: {@code true/false, yes/no, on/off, 1/0, enable(d)/disable(d)};
 *   <li>templates: see {@link NameTemplate#parse};
 *   <li>numbers: {@code 0} to {@link #MAX_OPEN_LIMIT}, {@code off}/{@code unlimited} for 0;
 *   <li>durations: see {@link Durations#parse}, within the setting's bounds;
 *   <li>{@code default} resets any setting; {@code none} also clears a channel or role.
 * </ul>
 *
 * Invalid values give a {@link Result} refusal, never an exception. Whether a channel id names an
 * existing text channel is for the adapter to check before applying.
 */
public enum SettingKey {
  TICKET_CHANNEL("ticket_channel", Kind.CHANNEL, MessageKey.SETTING_DESCRIPTION_TICKET_CHANNEL),
  STAFF_ROLE("staff_role", Kind.ROLE, MessageKey.SETTING_DESCRIPTION_STAFF_ROLE),
  MODLOG_CHANNEL("modlog_channel", Kind.CHANNEL, MessageKey.SETTING_DESCRIPTION_MODLOG_CHANNEL),
  TRANSCRIPT_CHANNEL(
      "transcript_channel", Kind.CHANNEL, MessageKey.SETTING_DESCRIPTION_TRANSCRIPT_CHANNEL),
  REQUIRE_REASON("require_reason", Kind.BOOLEAN, MessageKey.SETTING_DESCRIPTION_REQUIRE_REASON),
  CREATOR_CAN_CLOSE(
      "creator_can_close", Kind.BOOLEAN, MessageKey.SETTING_DESCRIPTION_CREATOR_CAN_CLOSE),
  NAME_TEMPLATE("name_template", Kind.TEMPLATE, MessageKey.SETTING_DESCRIPTION_NAME_TEMPLATE),
  MAX_OPEN_PER_USER(
      "max_open_per_user", Kind.NUMBER, MessageKey.SETTING_DESCRIPTION_MAX_OPEN_PER_USER),
  CREATE_COOLDOWN(
      "create_cooldown", Kind.DURATION, MessageKey.SETTING_DESCRIPTION_CREATE_COOLDOWN),
  AUTOCLOSE_AFTER(
      "autoclose_after", Kind.DURATION, MessageKey.SETTING_DESCRIPTION_AUTOCLOSE_AFTER),
  AUTOCLOSE_WARNING(
      "autoclose_warning", Kind.DURATION, MessageKey.SETTING_DESCRIPTION_AUTOCLOSE_WARNING),
  CREATOR_CAN_ADD("creator_can_add", Kind.BOOLEAN, MessageKey.SETTING_DESCRIPTION_CREATOR_CAN_ADD),
  CLAIM_NOTICE("claim_notice", Kind.BOOLEAN, MessageKey.SETTING_DESCRIPTION_CLAIM_NOTICE),
  // issue 13: transcripts
  TRANSCRIPT_DM("transcript_dm", Kind.BOOLEAN, MessageKey.SETTING_DESCRIPTION_TRANSCRIPT_DM),
  // issue 13: rating buttons in the close DM
  FEEDBACK("feedback", Kind.BOOLEAN, MessageKey.SETTING_DESCRIPTION_FEEDBACK);

  /** Largest {@code max_open_per_user}; 0 means no limit. */
  public static final int MAX_OPEN_LIMIT = 50;

  /** The type of a setting's value. */
  public enum Kind {
    CHANNEL,
    ROLE,
    BOOLEAN,
    TEMPLATE,
    /** A whole number ({@code max_open_per_user}: 0 to {@link #MAX_OPEN_LIMIT}). */
    NUMBER,
    /** A {@link Durations duration}; {@code off} is zero. Bounds: {@link #minDuration()}. */
    DURATION
  }

  private static final Pattern CHANNEL_MENTION = Pattern.compile("<#(\\d{1,20})>");
  private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d{1,20})>");
  private static final Pattern BARE_ID = Pattern.compile("(\\d{1,20})");
  private static final int ECHO_MAX = 100;

  private final String settingName;
  private final Kind kind;
  private final MessageKey description;

  SettingKey(String settingName, Kind kind, MessageKey description) {
    this.settingName = settingName;
    this.kind = kind;
    this.description = description;
  }

  /** The shortest non-zero value of a duration setting. */
  public Duration minDuration() {
    return switch (this) {
      case CREATE_COOLDOWN, AUTOCLOSE_WARNING -> Duration.ofMinutes(1);
      case AUTOCLOSE_AFTER -> Duration.ofMinutes(10);
      default -> Duration.ZERO;
    };
  }

  /** The longest value of a duration setting. */
  public Duration maxDuration() {
    return switch (this) {
      case CREATE_COOLDOWN, AUTOCLOSE_WARNING -> Duration.ofDays(30);
      case AUTOCLOSE_AFTER -> Duration.ofDays(90);
      default -> Duration.ZERO;
    };
  }

  /** The name users type, e.g. {@code ticket_channel}. */
  public String settingName() {
    return settingName;
  }

  public Kind kind() {
    return kind;
  }

  /** One-line description for {@code /setting get} and autocomplete. */
  public MessageKey description() {
    return description;
  }

  /**
   * The setting called {@code name}: case-insensitive, surrounding spaces ignored, {@code -} and
   * spaces accepted for {@code _}.
   */
  public static Optional<SettingKey> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    return Arrays.stream(values()).filter(k -> k.settingName.equals(n)).findFirst();
  }

  /**
   * Like {@link #byName} but with a ready {@code ERROR_SETTING_UNKNOWN} refusal listing the known
   * names.
   */
  public static Result<SettingKey> parse(String name) {
    return byName(name)
        .map(Result::ok)
        .orElseGet(
            () -> Result.refused(MessageKey.ERROR_SETTING_UNKNOWN, echo(name), allNames()));
  }

  /** All names, comma separated, in declaration order. */
  public static String allNames() {
    return Arrays.stream(values()).map(SettingKey::settingName).collect(Collectors.joining(", "));
  }

  /** Parses a value typed by a user for this setting. */
  public Result<SettingValue> parseValue(String raw) {
    String v = raw == null ? "" : raw.strip();
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.equals("default")) {
      return Result.ok(new SettingValue.Reset());
    }
    switch (kind) {
      case CHANNEL:
        return parseId(v, lower, CHANNEL_MENTION, MessageKey.ERROR_SETTING_INVALID_CHANNEL);
      case ROLE:
        return parseId(v, lower, ROLE_MENTION, MessageKey.ERROR_SETTING_INVALID_ROLE);
      case BOOLEAN:
        return parseBoolean(v, lower);
      case TEMPLATE:
        return NameTemplate.parse(v).map(SettingValue.Template::new);
      case NUMBER:
        return parseNumber(v, lower);
      case DURATION:
        return Durations.parse(v, minDuration(), maxDuration()).map(SettingValue.Span::new);
      default:
        throw new AssertionError(kind);
    }
  }

  private Result<SettingValue> parseId(String v, String lower, Pattern mention, MessageKey error) {
    if (lower.equals("none")) {
      return Result.ok(new SettingValue.Reset());
    }
    Matcher m = mention.matcher(v);
    if (!m.matches()) {
      m = BARE_ID.matcher(v);
    }
    if (m.matches()) {
      try {
        long id = Long.parseLong(m.group(1));
        if (id > 0) {
          return Result.ok(new SettingValue.Snowflake(id));
        }
      } catch (NumberFormatException tooLarge) {
        // falls through to the refusal
      }
    }
    return Result.refused(error, settingName, echo(v));
  }

  private Result<SettingValue> parseBoolean(String v, String lower) {
    switch (lower) {
      case "true", "yes", "on", "1", "enable", "enabled":
        return Result.ok(new SettingValue.Flag(true));
      case "false", "no", "off", "0", "disable", "disabled":
        return Result.ok(new SettingValue.Flag(false));
      default:
        return Result.refused(MessageKey.ERROR_SETTING_INVALID_BOOLEAN, settingName, echo(v));
    }
  }

  private Result<SettingValue> parseNumber(String v, String lower) {
    if (lower.equals("off") || lower.equals("none") || lower.equals("unlimited")) {
      return Result.ok(new SettingValue.Count(0));
    }
    if (v.matches("\\d{1,3}")) {
      int n = Integer.parseInt(v);
      if (n <= MAX_OPEN_LIMIT) {
        return Result.ok(new SettingValue.Count(n));
      }
    }
    return Result.refused(
        MessageKey.ERROR_SETTING_INVALID_NUMBER, settingName, echo(v), 0, MAX_OPEN_LIMIT);
  }

  /** User text quoted back in an error: escaped and bounded so it cannot break the reply. */
  private static String echo(String raw) {
    return DiscordText.escape(DiscordText.truncate(raw == null ? "" : raw.strip(), ECHO_MAX));
  }
}
