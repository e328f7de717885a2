package dev.tiramisu.discordemu.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Member;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.discordemu.model.Role;
import dev.tiramisu.discordemu.model.User;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox page's JSON for users, roles, channels and messages (names as the page shows them, snowflakes as
 * strings), and the mentions found in a message's text. Called with the state's monitor held.
 */
final class PageJson {
  static final Pattern USER = Pattern.compile("<@!?(\\d{1,20})>");
  static final Pattern ROLE = Pattern.compile("<@&(\\d{1,20})>");
  static final Pattern CHANNEL = Pattern.compile("<#(\\d{1,20})>");
  private static final int FLAG_EPHEMERAL = 1 << 6;
  private static final int FLAG_LOADING = 1 << 7;

  private final EmulatorState state;

  PageJson(EmulatorState state) {
    this.state = state;
  }

  ObjectNode userJson(User u) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(u.id));
    o.put("name", displayName(u));
    o.put("username", u.username);
    o.put("bot", u.bot);
    return o;
  }

  static String displayName(User u) {
    return u.globalName != null ? u.globalName : u.username;
  }

  static ObjectNode roleJson(Role r) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(r.id));
    o.put("name", r.name);
    o.put("color", r.color);
    return o;
  }

  static int memberColor(Guild g, Member m) {
    Role best = null;
    for (long id : m.roleIds) {
      Role r = g.roles.get(id);
      if (r != null && r.color != 0 && (best == null || r.position > best.position)) {
        best = r;
      }
    }
    return best == null ? 0 : best.color;
  }

  String nameOf(Channel c) {
    if (c.type == Channel.DM) {
      User bot = state.users.get(state.botUserId); // the page's user is the recipient: the other side is the bot
      return bot == null ? "DM" : displayName(bot);
    }
    return c.name;
  }

  ObjectNode channelJson(Channel c) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(c.id));
    o.put("type", c.type);
    o.put("name", nameOf(c));
    if (c.guildId != null) {
      o.put("guildId", Long.toString(c.guildId));
    }
    if (c.parentId != null) {
      o.put("parentId", Long.toString(c.parentId));
    }
    if (c.topic != null) {
      o.put("topic", c.topic);
    }
    if (c.isThread()) {
      o.put("private", c.type == Channel.PRIVATE_THREAD);
      o.put("archived", c.archived);
      o.put("locked", c.locked);
    }
    return o;
  }

  /** A message as {@code viewerId} sees it; its files link to the attachment route as that user. */
  ObjectNode messageJson(Message m, long viewerId) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(m.id));
    o.put("type", m.type);
    User author = state.users.get(m.authorId);
    ObjectNode a = o.putObject("author");
    a.put("id", Long.toString(m.authorId));
    a.put("name", author == null ? "Deleted User" : displayName(author));
    a.put("bot", author != null && author.bot);
    Guild g = m.guildId == null ? null : state.guilds.get(m.guildId);
    Member member = g == null ? null : g.members.get(m.authorId);
    if (member != null) {
      if (member.nick != null) {
        a.put("name", member.nick);
      }
      a.put("color", memberColor(g, member));
    }
    o.put("content", m.content);
    o.put("timestamp", m.timestampMillis);
    if (m.editedMillis != null) {
      o.put("edited", m.editedMillis);
    }
    o.put("pinned", m.pinned);
    o.put("ephemeral", m.visibleTo != null || (m.flags & FLAG_EPHEMERAL) != 0);
    o.put("loading", (m.flags & FLAG_LOADING) != 0);
    o.set("embeds", m.embeds.deepCopy());
    o.set("components", m.components.deepCopy());
    ArrayNode files = o.putArray("attachments");
    for (int i = 0; i < m.attachments.size(); i++) {
      Message.Attachment f = m.attachments.get(i);
      ObjectNode fj = files.addObject();
      fj.put("name", f.filename());
      fj.put("url", AttachmentFiles.url(viewerId, m.id, i));
      fj.put("size", f.data() == null ? 0 : f.data().length);
      fj.put("image", AttachmentFiles.isInlineImage(f));
    }
    if (m.interactionId != null) {
      Interaction i = state.interactions.get(m.interactionId);
      User by = i == null ? null : state.users.get(i.userId);
      if (i != null && by != null) {
        ObjectNode x = o.putObject("interaction");
        x.put("user", displayName(by));
        x.put("type", i.type);
        if (i.type == Interaction.APPLICATION_COMMAND) {
          x.put("command", commandPath(i.data));
        }
      }
    }
    return o;
  }

  private static String commandPath(JsonNode data) {
    StringBuilder sb = new StringBuilder(data.path("name").asText());
    JsonNode options = data.path("options");
    boolean descended = true;
    while (descended) {
      descended = false;
      for (JsonNode opt : options) {
        int t = opt.path("type").asInt();
        if (t == 1 || t == 2) {
          sb.append(' ').append(opt.path("name").asText());
          options = opt.path("options");
          descended = true;
          break;
        }
      }
    }
    return sb.toString();
  }

  /** Appends every string inside a JSON tree (embed texts, text displays) so their mentions are resolved too. */
  static void collectText(JsonNode node, StringBuilder out) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      out.append(' ').append(node.asText());
    } else if (node.isContainerNode()) {
      node.forEach(n -> collectText(n, out));
    }
  }

  static void collect(Pattern p, CharSequence text, Set<Long> into) {
    Matcher m = p.matcher(text);
    while (m.find() && into.size() < 500) {
      try {
        into.add(Long.parseUnsignedLong(m.group(1)));
      } catch (NumberFormatException ignored) {
        // longer than a snowflake: not a mention
      }
    }
  }
}
