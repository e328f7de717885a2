package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.discordemu.model.Role;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a message's mentions and evaluates allowed_mentions: who is really pinged. Called with the state's
 * monitor held.
 */
final class MentionResolver {
  private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d{1,20})>");
  private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d{1,20})>");
  private static final Pattern EVERYONE = Pattern.compile("@(everyone|here)");

  private final EmulatorState s;

  MentionResolver(EmulatorState s) {
    this.s = s;
  }

  /** Fills the message's mentioned and pinged users, roles and @everyone. */
  void resolve(Message m, Channel channel) {
    String text = mentionText(m);
    Matcher um = USER_MENTION.matcher(text);
    while (um.find()) {
      try {
        long id = Long.parseUnsignedLong(um.group(1));
        if (s.users.containsKey(id)) {
          m.mentionedUsers.add(id);
        }
      } catch (NumberFormatException ignored) {
        // not a snowflake: not a mention
      }
    }
    Guild g = channel.guildId == null ? null : s.guilds.get(channel.guildId);
    Matcher rm = ROLE_MENTION.matcher(text);
    while (rm.find()) {
      try {
        long id = Long.parseUnsignedLong(rm.group(1));
        if (g != null && g.roles.containsKey(id)) {
          m.mentionedRoles.add(id);
        }
      } catch (NumberFormatException ignored) {
        // not a snowflake: not a mention
      }
    }
    m.mentionsEveryone = g != null && EVERYONE.matcher(text).find();
    if (m.isEphemeral() || m.visibleTo != null) {
      return; // ephemeral messages notify nobody
    }
    JsonNode am = m.allowedMentions;
    boolean parseUsers = am == null || contains(am.path("parse"), "users");
    boolean parseRoles = am == null || contains(am.path("parse"), "roles");
    boolean parseEveryone = am == null || contains(am.path("parse"), "everyone");
    java.util.Set<Long> allowUsers = idSet(am == null ? null : am.path("users"));
    java.util.Set<Long> allowRoles = idSet(am == null ? null : am.path("roles"));
    for (long u : m.mentionedUsers) {
      if (parseUsers || allowUsers.contains(u)) {
        m.pingedUsers.add(u);
      }
    }
    long authorPerms = channel.guildId == null ? 0 : s.permissions(m.authorId, channel);
    boolean canMentionAll = (authorPerms & Permissions.MENTION_EVERYONE) != 0;
    for (long r : m.mentionedRoles) {
      Role role = g.roles.get(r);
      if ((parseRoles || allowRoles.contains(r)) && (role.mentionable || canMentionAll)) {
        m.pingedRoles.add(r);
      }
    }
    m.pingedEveryone = m.mentionsEveryone && parseEveryone && canMentionAll;
  }

  /**
   * Where mentions are read: the content and, as Discord does for Components V2 messages, every text display
   * (type 10), inside containers and sections too.
   */
  static String mentionText(Message m) {
    StringBuilder sb = new StringBuilder(m.content == null ? "" : m.content);
    textDisplays(m.components, sb);
    return sb.toString();
  }

  private static void textDisplays(JsonNode node, StringBuilder sb) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> textDisplays(n, sb));
    } else if (node.isObject()) {
      if (node.path("type").asInt() == 10 && node.path("content").isTextual()) {
        sb.append('\n').append(node.path("content").asText());
      }
      textDisplays(node.path("components"), sb);
    }
  }

  private static boolean contains(JsonNode array, String value) {
    if (array == null || !array.isArray()) {
      return false;
    }
    for (JsonNode n : array) {
      if (value.equals(n.asText())) {
        return true;
      }
    }
    return false;
  }

  private static java.util.Set<Long> idSet(JsonNode array) {
    java.util.Set<Long> out = new java.util.HashSet<>();
    if (array != null && array.isArray()) {
      for (JsonNode n : array) {
        Long id = Json.snowflake(n);
        if (id != null) {
          out.add(id);
        }
      }
    }
    return out;
  }
}
