package dev.tiramisu.tickets.settings;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
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
  NAME_TEMPLATE("name_template", Kind.TEMPLATE, MessageKey.SETTING_DESCRIPTION_NAME_TEMPLATE);

  /** The type of a setting's value. */
  public enum Kind {
    CHANNEL,
    ROLE,
    BOOLEAN,
    TEMPLATE
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

  /** User text quoted back in an error: escaped and bounded so it cannot break the reply. */
  private static String echo(String raw) {
    return DiscordText.escape(DiscordText.truncate(raw == null ? "" : raw.strip(), ECHO_MAX));
  }
}
