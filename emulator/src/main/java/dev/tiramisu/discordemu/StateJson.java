package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Member;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.discordemu.model.Overwrite;
import dev.tiramisu.discordemu.model.Role;
import dev.tiramisu.discordemu.model.User;

/** Renders {@link EmulatorState}'s model as Discord's JSON objects. Called with the state's monitor held. */
final class StateJson {
  private final EmulatorState s;

  StateJson(EmulatorState s) {
    this.s = s;
  }

  ObjectNode userJson(User u) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(u.id));
    o.put("username", u.username);
    o.put("discriminator", "0");
    o.put("global_name", u.globalName);
    o.putNull("avatar");
    if (u.bot) {
      o.put("bot", true);
    }
    o.put("public_flags", 0);
    o.put("flags", 0);
    o.putNull("primary_guild");
    return o;
  }

  ObjectNode roleJson(Role r) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(r.id));
    o.put("name", r.name);
    o.put("color", r.color);
    ObjectNode colors = o.putObject("colors");
    colors.put("primary_color", r.color);
    colors.putNull("secondary_color");
    colors.putNull("tertiary_color");
    o.put("hoist", r.hoist);
    o.putNull("icon");
    o.putNull("unicode_emoji");
    o.put("position", r.position);
    o.put("permissions", Long.toString(r.permissions));
    o.put("managed", r.managed);
    o.put("mentionable", r.mentionable);
    o.put("flags", 0);
    return o;
  }

  ObjectNode memberJson(Guild g, Member m) {
    ObjectNode o = Json.object();
    o.set("user", userJson(s.user(m.userId)));
    if (m.nick != null) {
      o.put("nick", m.nick);
    } else {
      o.putNull("nick");
    }
    o.putNull("avatar");
    o.putNull("banner");
    ArrayNode roles = o.putArray("roles");
    m.roleIds.forEach(r -> roles.add(Long.toString(r)));
    o.put("joined_at", Json.timestamp(m.joinedAtMillis));
    o.putNull("premium_since");
    o.put("deaf", false);
    o.put("mute", false);
    o.put("flags", 0);
    o.put("pending", false);
    o.putNull("communication_disabled_until");
    return o;
  }

  /** A member object with the computed channel permissions, as in interaction payloads. */
  ObjectNode interactionMemberJson(Guild g, Member m, Channel c) {
    ObjectNode o = memberJson(g, m);
    o.put("permissions", Long.toString(s.permissions(m.userId, c)));
    return o;
  }

  ObjectNode threadMemberJson(Channel t, long userId) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(t.id));
    o.put("user_id", Long.toString(userId));
    o.put("join_timestamp", Json.timestamp(System.currentTimeMillis()));
    o.put("flags", 0);
    return o;
  }

  ObjectNode channelJson(Channel c) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(c.id));
    o.put("type", c.type);
    o.put("flags", 0);
    if (c.lastMessageId != null) {
      o.put("last_message_id", Long.toString(c.lastMessageId));
    } else {
      o.putNull("last_message_id");
    }
    if (c.type == Channel.DM) {
      ArrayNode r = o.putArray("recipients");
      r.add(userJson(s.user(c.recipientId)));
      return o;
    }
    o.put("guild_id", Long.toString(c.guildId));
    o.put("name", c.name);
    if (c.parentId != null) {
      o.put("parent_id", Long.toString(c.parentId));
    } else {
      o.putNull("parent_id");
    }
    o.put("rate_limit_per_user", 0);
    if (c.isThread()) {
      o.put("owner_id", Long.toString(c.ownerId));
      o.put("message_count", c.messageCount);
      o.put("member_count", Math.min(50, c.memberIds.size()));
      o.put("total_message_sent", c.totalMessageSent);
      ObjectNode meta = o.putObject("thread_metadata");
      meta.put("archived", c.archived);
      meta.put("auto_archive_duration", c.autoArchiveDuration);
      meta.put("archive_timestamp", Json.timestamp(c.archiveTimestampMillis));
      meta.put("locked", c.locked);
      if (c.type == Channel.PRIVATE_THREAD) {
        meta.put("invitable", c.invitable);
      }
      meta.put("create_timestamp", Json.timestamp(c.createTimestampMillis));
      if (c.memberIds.contains(s.botUserId)) {
        o.set("member", threadMemberJson(c, s.botUserId));
      }
      return o;
    }
    o.put("position", c.position);
    ArrayNode ows = o.putArray("permission_overwrites");
    for (Overwrite ow : c.overwrites) {
      ObjectNode x = ows.addObject();
      x.put("id", Long.toString(ow.id()));
      x.put("type", ow.type());
      x.put("allow", Long.toString(ow.allow()));
      x.put("deny", Long.toString(ow.deny()));
    }
    if (c.type == Channel.GUILD_TEXT) {
      if (c.topic != null) {
        o.put("topic", c.topic);
      } else {
        o.putNull("topic");
      }
      o.put("nsfw", false);
      o.put("default_auto_archive_duration", 10080);
      o.put("default_thread_rate_limit_per_user", 0);
      if (c.lastPinMillis > 0) {
        o.put("last_pin_timestamp", Json.timestamp(c.lastPinMillis));
      }
    } else if (c.type == Channel.GUILD_VOICE) {
      o.put("nsfw", false);
      o.put("bitrate", 64000);
      o.put("user_limit", 0);
      o.putNull("rtc_region");
    }
    return o;
  }

  ObjectNode messageJson(Message m) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(m.id));
    o.put("channel_id", Long.toString(m.channelId));
    o.put("type", m.type);
    o.set("author", userJson(s.user(m.authorId)));
    o.put("content", m.content);
    o.put("timestamp", Json.timestamp(m.timestampMillis));
    if (m.editedMillis != null) {
      o.put("edited_timestamp", Json.timestamp(m.editedMillis));
    } else {
      o.putNull("edited_timestamp");
    }
    o.put("tts", m.tts);
    o.put("mention_everyone", m.pingedEveryone);
    ArrayNode mentions = o.putArray("mentions");
    for (long u : m.mentionedUsers) {
      mentions.add(userJson(s.user(u)));
    }
    ArrayNode mentionRoles = o.putArray("mention_roles");
    m.mentionedRoles.forEach(r -> mentionRoles.add(Long.toString(r)));
    ArrayNode atts = o.putArray("attachments");
    for (Message.Attachment a : m.attachments) {
      ObjectNode x = atts.addObject();
      x.put("id", Long.toString(a.id()));
      x.put("filename", a.filename());
      x.put("size", a.data().length);
      x.put("url", "https://cdn.discordapp.invalid/attachments/" + m.channelId + "/" + a.id() + "/" + a.filename());
      x.put("proxy_url", "https://media.discordapp.invalid/attachments/" + m.channelId + "/" + a.id() + "/"
          + a.filename());
      if (a.contentType() != null) {
        x.put("content_type", a.contentType());
      }
      if (a.description() != null) {
        x.put("description", a.description());
      }
    }
    o.set("embeds", renderEmbeds(m.embeds));
    o.set("components", m.components);
    o.put("pinned", m.pinned);
    o.put("flags", m.flags);
    if (m.webhookId != null) {
      o.put("webhook_id", Long.toString(m.webhookId));
      o.put("application_id", Long.toString(m.webhookId));
    }
    if (m.interactionId != null) {
      Interaction i = s.interactions.get(m.interactionId);
      if (i != null) {
        o.set("interaction_metadata", MessageInteractionJson.metadata(s, i));
        o.set("interaction", MessageInteractionJson.interaction(s, i));
      }
    }
    if (m.threadId != null && s.channels.containsKey(m.threadId)) {
      o.set("thread", channelJson(s.channels.get(m.threadId)));
    }
    if (m.messageReference != null) {
      o.set("message_reference", m.messageReference);
      if (m.type == 19) { // a reply carries the message it answers (null once that one is deleted)
        Long refId = Json.snowflake(m.messageReference.path("message_id"));
        Message ref = refId == null ? null : s.messages.get(refId);
        if (ref != null && ref.visibleTo == null) {
          ObjectNode refJson = messageJson(ref);
          refJson.remove("referenced_message");
          o.set("referenced_message", refJson);
        } else {
          o.putNull("referenced_message");
        }
      }
    }
    return o;
  }

  /**
   * Embeds as Discord returns them: every embed an application sends is stored as type "rich" (JDA refuses an
   * embed without a type), and every field has {@code inline}.
   */
  private static ArrayNode renderEmbeds(ArrayNode embeds) {
    ArrayNode out = Json.array();
    for (JsonNode e : embeds) {
      if (!e.isObject()) {
        out.add(e);
        continue;
      }
      ObjectNode copy = ((ObjectNode) e).deepCopy();
      if (!copy.hasNonNull("type")) {
        copy.put("type", "rich");
      }
      // Discord returns every field with its inline flag (false when the sender left it out)
      for (JsonNode f : copy.path("fields")) {
        if (f instanceof ObjectNode field && !field.path("inline").isBoolean()) {
          field.put("inline", false);
        }
      }
      out.add(copy);
    }
    return out;
  }

  /** The guild object of GET /guilds/{id}. */
  ObjectNode guildJson(Guild g) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(g.id));
    o.put("name", g.name);
    o.putNull("icon");
    o.putNull("home_header");
    o.put("region", "deprecated");
    o.putNull("max_presences");
    o.put("max_stage_video_channel_users", 50);
    o.putNull("incidents_data");
    o.putNull("splash");
    o.putNull("discovery_splash");
    o.put("owner_id", Long.toString(g.ownerId));
    o.putNull("afk_channel_id");
    o.put("afk_timeout", 300);
    o.put("verification_level", 0);
    o.put("default_message_notifications", 1);
    o.put("explicit_content_filter", 0);
    ArrayNode roles = o.putArray("roles");
    g.roles.values().forEach(r -> roles.add(roleJson(r)));
    o.putArray("emojis");
    o.putArray("features");
    o.put("mfa_level", 0);
    o.putNull("application_id");
    o.putNull("system_channel_id");
    o.put("system_channel_flags", 0);
    o.putNull("rules_channel_id");
    o.putNull("vanity_url_code");
    o.putNull("description");
    o.putNull("banner");
    o.put("premium_tier", 0);
    o.put("premium_subscription_count", 0);
    o.put("preferred_locale", g.preferredLocale);
    o.putNull("public_updates_channel_id");
    o.put("nsfw_level", 0);
    o.putArray("stickers");
    o.put("premium_progress_bar_enabled", false);
    o.putNull("safety_alerts_channel_id");
    o.put("max_members", 500000);
    o.put("max_video_channel_users", 25);
    o.put("widget_enabled", false);
    o.putNull("widget_channel_id");
    o.put("nsfw", false);
    return o;
  }

  /** The GUILD_CREATE payload: the guild with members, channels, threads (active ones the bot can see). */
  ObjectNode guildCreateJson(Guild g) {
    ObjectNode o = guildJson(g);
    o.put("joined_at", Json.timestamp(Snowflakes.timestampOf(g.id)));
    o.put("large", false);
    o.put("unavailable", false);
    o.put("member_count", g.members.size());
    o.putArray("voice_states");
    ArrayNode members = o.putArray("members");
    g.members.values().forEach(m -> members.add(memberJson(g, m)));
    ArrayNode chans = o.putArray("channels");
    g.channelIds.stream().map(s.channels::get).filter(c -> c != null).forEach(c -> chans.add(channelJson(c)));
    ArrayNode threads = o.putArray("threads");
    g.threadIds.stream()
        .map(s.channels::get)
        .filter(t -> t != null && !t.archived && s.canView(s.botUserId, t))
        .forEach(t -> threads.add(channelJson(t)));
    o.putArray("presences");
    o.putArray("stage_instances");
    o.putArray("guild_scheduled_events");
    o.putArray("soundboard_sounds");
    return o;
  }
}
