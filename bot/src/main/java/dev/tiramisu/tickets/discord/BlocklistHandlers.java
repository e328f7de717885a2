package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Blocklist;
import dev.tiramisu.tickets.ticket.BlocklistStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.IMentionable;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /blocklist add|remove <user or role>} and {@code /blocklist list} (Manage Server: hidden
 * from others by Discord, checked again by {@link Blocklist}). A change is logged to the guild's
 * log channel and the answer says whether that worked. The log line is a guild-level audit line,
 * not a ticket's effect: it is posted at once, best effort (the change is saved first either way).
 */
final class BlocklistHandlers {
  private static final Logger log = LoggerFactory.getLogger(BlocklistHandlers.class);
  /** Room left in the answer for the "and N more" line. */
  private static final int LIST_ROOM = CommandCatalog.MAX_MESSAGE - 100;

  private final Blocklist blocklist;
  private final SettingsService settings;
  private final Replies replies;

  BlocklistHandlers(Blocklist blocklist, SettingsService settings, Replies replies) {
    this.blocklist = blocklist;
    this.settings = settings;
    this.replies = replies;
  }

  void add(SlashCommandInteractionEvent e) {
    change(e, true);
  }

  void remove(SlashCommandInteractionEvent e) {
    change(e, false);
  }

  private void change(SlashCommandInteractionEvent e, boolean add) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    Actor actor = TicketHandlers.actor(e.getMember());
    IMentionable target = e.getOption(CommandCatalog.OPT_TARGET, OptionMapping::getAsMentionable);
    boolean role = target instanceof Role;
    BlocklistStore.Kind kind = role ? BlocklistStore.Kind.ROLE : BlocklistStore.Kind.USER;
    User user = target instanceof Member m ? m.getUser() : target instanceof User u ? u : null;
    if (add && user != null && user.isBot() && actor.canManageServer()) {
      replies.send(e, MessageKey.ERROR_BLOCKLIST_BOT);
      return;
    }
    long id = target.getIdLong();
    Result<Boolean> r = add
        ? blocklist.add(guild.getIdLong(), actor, kind, id)
        : blocklist.remove(guild.getIdLong(), actor, kind, id);
    if (r.isRefused()) {
      replies.send(e, r.refusal());
      return;
    }
    if (!r.value()) {
      replies.send(e, add
          ? role ? MessageKey.BLOCKLIST_ALREADY_ROLE : MessageKey.BLOCKLIST_ALREADY_USER
          : role ? MessageKey.BLOCKLIST_NOT_LISTED_ROLE : MessageKey.BLOCKLIST_NOT_LISTED_USER,
          id);
      return;
    }
    Messages messages = replies.messages(e);
    List<String> lines = new ArrayList<>();
    lines.add(messages.format(add
        ? role ? MessageKey.BLOCKLIST_ADDED_ROLE : MessageKey.BLOCKLIST_ADDED_USER
        : role ? MessageKey.BLOCKLIST_REMOVED_ROLE : MessageKey.BLOCKLIST_REMOVED_USER, id));
    lines.add(logChange(guild, messages, Locales.guild(guild).format(add
        ? role ? MessageKey.BLOCKLIST_LOG_ADDED_ROLE : MessageKey.BLOCKLIST_LOG_ADDED_USER
        : role ? MessageKey.BLOCKLIST_LOG_REMOVED_ROLE : MessageKey.BLOCKLIST_LOG_REMOVED_USER,
        actor.userId(), id)));
    replies.send(e, String.join("\n", lines));
  }

  /** Posts the log line; returns the line telling the admin where it was logged, or why not. */
  private String logChange(Guild guild, Messages messages, String line) {
    OptionalLong channelId = settings.get(guild.getIdLong()).logChannelId();
    if (channelId.isEmpty()) {
      return messages.format(MessageKey.BLOCKLIST_NO_LOG);
    }
    TextChannel channel = guild.getTextChannelById(channelId.getAsLong());
    try {
      if (channel == null) {
        throw new IllegalStateException("log channel not in the cache");
      }
      channel.sendMessage(TicketTexts.plain(line)).complete();
      return messages.format(MessageKey.BLOCKLIST_LOGGED, channelId.getAsLong());
    } catch (RuntimeException ex) {
      log.warn("guild {}: blocklist change not logged in channel {}: {}", guild.getIdLong(),
          channelId.getAsLong(), TicketHandlers.describe(ex));
      return messages.format(MessageKey.BLOCKLIST_LOG_FAILED, channelId.getAsLong());
    }
  }

  void list(SlashCommandInteractionEvent e) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    Result<List<BlocklistStore.Entry>> r =
        blocklist.list(guild.getIdLong(), TicketHandlers.actor(e.getMember()));
    if (r.isRefused()) {
      replies.send(e, r.refusal());
      return;
    }
    List<BlocklistStore.Entry> entries = r.value();
    if (entries.isEmpty()) {
      replies.send(e, MessageKey.BLOCKLIST_LIST_EMPTY);
      return;
    }
    Messages messages = replies.messages(e);
    StringBuilder text =
        new StringBuilder(messages.format(MessageKey.BLOCKLIST_LIST_HEADER, entries.size()));
    int shown = 0;
    for (BlocklistStore.Entry entry : entries) {
      String line = messages.format(entry.kind() == BlocklistStore.Kind.ROLE
          ? MessageKey.BLOCKLIST_LIST_ROLE : MessageKey.BLOCKLIST_LIST_USER,
          entry.targetId(), entry.addedBy(), entry.addedAt().getEpochSecond());
      if (text.length() + 1 + line.length() > LIST_ROOM) {
        break;
      }
      text.append('\n').append(line);
      shown++;
    }
    if (shown < entries.size()) {
      text.append('\n').append(messages.format(MessageKey.BLOCKLIST_LIST_MORE,
          entries.size() - shown));
    }
    replies.send(e, text.toString());
  }
}
