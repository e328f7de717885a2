package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.gateway.Gateway;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Member;
import dev.tiramisu.discordemu.model.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates interactions as Discord does when a user acts, and sends INTERACTION_CREATE to the shard that owns the
 * guild. Keeps each interaction's time to first response; one over 3 s counts as failed.
 */
public final class Interactions {
  private final EmulatorState state;

  Interactions(EmulatorState state, Gateway gateway) {
    this.state = state;
  }

  /** Time to first response of one interaction, or -1 if it has none; {@code failed} when over 3 s or none. */
  public record Timing(long interactionId, int type, String name, long firstResponseMillis, boolean failed) {}

  public Interaction create(int type, long userId, long channelId, ObjectNode data, Long messageId) {
    synchronized (state) {
      Channel channel = state.channel(channelId);
      Long guildId = channel.guildId;
      Interaction i = state.newInteraction(type, guildId, channelId, userId, data, messageId);
      ObjectNode d = Json.object();
      d.put("id", Long.toString(i.id));
      d.put("application_id", Long.toString(state.applicationId));
      d.put("type", type);
      d.set("data", data);
      d.put("channel_id", Long.toString(channelId));
      d.set("channel", state.channelJson(channel));
      d.put("token", i.token);
      d.put("version", 1);
      d.put("locale", state.user(userId).locale);
      d.putArray("entitlements");
      d.put("attachment_size_limit", 10 * 1024 * 1024);
      ObjectNode owners = d.putObject("authorizing_integration_owners");
      if (guildId != null) {
        Guild g = state.guild(guildId);
        Member member = state.member(g, userId);
        d.put("guild_id", Long.toString(guildId));
        ObjectNode guild = d.putObject("guild");
        guild.put("id", Long.toString(guildId));
        guild.put("locale", g.preferredLocale);
        guild.putArray("features");
        d.put("guild_locale", g.preferredLocale);
        d.set("member", state.interactionMemberJson(g, member, channel));
        d.put("app_permissions", Long.toString(state.permissions(state.botUserId, channel)));
        owners.put("0", Long.toString(guildId));
        d.put("context", 0);
      } else {
        d.set("user", state.userJson(state.user(userId)));
        d.put("app_permissions", Long.toString(Permissions.ALL));
        owners.put("0", "0");
        d.put("context", 1);
      }
      if (messageId != null) {
        Message m = state.message(channelId, messageId);
        d.set("message", state.messageJson(m));
      }
      state.emit("INTERACTION_CREATE", d, guildId, 0, false);
      return i;
    }
  }

  /** Timings of every interaction so far, oldest first. */
  public List<Timing> timings() {
    synchronized (state) {
      List<Timing> out = new ArrayList<>();
      long now = System.currentTimeMillis();
      for (Interaction i : state.interactions.values()) {
        long t = i.acknowledged() ? i.firstResponseMillis - i.createdAtMillis : -1;
        boolean failed = i.timedOut || (!i.acknowledged() && now - i.createdAtMillis > state.interactionResponseDeadlineMillis)
            || t > state.interactionResponseDeadlineMillis;
        String name = i.data.path("name").asText(i.data.path("custom_id").asText(""));
        out.add(new Timing(i.id, i.type, name, t, failed));
      }
      out.sort((a, b) -> Long.compare(a.interactionId(), b.interactionId()));
      return out;
    }
  }
}
