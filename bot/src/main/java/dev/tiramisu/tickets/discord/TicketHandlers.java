package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.ClosedTicket;
import dev.tiramisu.tickets.ticket.CreatorFallback;
import dev.tiramisu.tickets.ticket.OpenedTicket;
import dev.tiramisu.tickets.ticket.Reasons;
import dev.tiramisu.tickets.ticket.ThreadInfo;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketCheck;
import dev.tiramisu.tickets.ticket.TicketService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.interactions.callbacks.IModalCallback;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening, closing and checking tickets, and the panel. Every method runs on the router's
 * executor (never on JDA's gateway thread) and may block on the database and on Discord.
 *
 * <p>Order of work: acknowledge first (the router defers the ephemeral reply before calling a
 * handler, except for {@link #acknowledgeCreate}, which may show the reason form, and {@link
 * #cancelClose}, which updates the confirmation), then the service (which saves), then Discord,
 * then the final answer. Nothing is saved before the acknowledgement has succeeded.
 */
final class TicketHandlers {
  private static final Logger log = LoggerFactory.getLogger(TicketHandlers.class);
  private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d{1,20})>");
  /** How many messages after a thread's creation the legacy creator lookup reads. */
  private static final int FALLBACK_HISTORY = 10;
  /** The longest the acknowledgement of a create waits for the guild's settings. */
  static final long ACK_SETTINGS_BUDGET_MS = 1_500;
  /**
   * The interaction's age by which it must be acknowledged at the latest (Discord allows 3 s;
   * the rest is for the acknowledgement's own round trip and clock differences).
   */
  static final long ACK_LATEST_MS = 2_000;

  private final TicketService tickets;
  private final SettingsService settings;
  private final Replies replies;
  private final Messages messages;
  private final PendingCloseReasons pending;
  private final Executor settingsReads;

  /**
   * @param settingsReads runs the settings read whose result decides between the reason form and
   *     a deferred reply, so the acknowledgement never waits longer than its budget for it
   */
  TicketHandlers(TicketService tickets, SettingsService settings, Replies replies,
      PendingCloseReasons pending, Executor settingsReads) {
    this.tickets = tickets;
    this.settings = settings;
    this.replies = replies;
    this.messages = replies.messages();
    this.pending = pending;
    this.settingsReads = settingsReads;
  }

  // ------------------------------------------------------------------ create

  /**
   * Acknowledges a {@code /ticket create} or a panel button within Discord's 3 seconds: with the
   * reason form when the guild requires a reason and none was given, else with a deferred
   * ephemeral reply. Reading the settings for that choice is bounded by {@link
   * #settingsWithinAckBudget}: if the database is slow, the reply is deferred without a form and
   * {@link TicketService#open} asks for the reason instead.
   *
   * <p>Nothing is written before the acknowledgement succeeds, so an interaction delivered twice
   * (a gateway replay, or two processes running the same shard) opens at most one ticket: Discord
   * accepts one acknowledgement per interaction and refuses the other with 40060, which ends that
   * delivery's handling.
   *
   * @param modal where a modal may be shown
   * @return the work to do once the reply is deferred, or null when the answer was given
   */
  Runnable acknowledgeCreate(IReplyCallback e, IModalCallback modal, String rawReason) {
    Guild guild = e.getGuild();
    if (guild == null || !e.isFromGuild()) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return null;
    }
    if (rawReason == null || rawReason.isBlank()) {
      Optional<GuildSettings> s = settingsWithinAckBudget(e, guild.getIdLong());
      if (s.isPresent() && !s.get().ticketsEnabled()) {
        replies.send(e, MessageKey.ERROR_TICKETS_NOT_ENABLED);
        return null;
      }
      if (s.isPresent() && s.get().requireReason()) {
        modal.replyModal(reasonModal()).complete();
        return null;
      }
    }
    e.deferReply(true).complete();
    return () -> open(e, rawReason);
  }

  /** The reason form was submitted (the router has deferred the reply). */
  void createFromModal(ModalInteractionEvent e) {
    var value = e.getValue(ComponentId.REASON_INPUT);
    open(e, value == null ? null : value.getAsString());
  }

  /**
   * The guild's settings if the database answers in time to still acknowledge the interaction
   * within Discord's 3 seconds, else empty.
   *
   * @throws dev.tiramisu.tickets.common.StorageUnavailableException if the database failed in time
   */
  private Optional<GuildSettings> settingsWithinAckBudget(IReplyCallback e, long guildId) {
    long age = Math.max(0, System.currentTimeMillis() - e.getTimeCreated().toInstant().toEpochMilli());
    long budget = Math.min(ACK_SETTINGS_BUDGET_MS, ACK_LATEST_MS - age);
    if (budget <= 0) {
      log.info("interaction {}: acknowledged late, without reading the settings", e.getId());
      return Optional.empty();
    }
    CompletableFuture<GuildSettings> read;
    try {
      read = CompletableFuture.supplyAsync(() -> settings.get(guildId), settingsReads);
    } catch (RejectedExecutionException stopping) {
      return Optional.empty();
    }
    try {
      return Optional.of(read.get(budget, TimeUnit.MILLISECONDS));
    } catch (TimeoutException slow) {
      log.info("guild {}: settings not read within {} ms; deferring without the reason form",
          guildId, budget);
      return Optional.empty();
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Opens a ticket; the reply is deferred. */
  private void open(IReplyCallback e, String rawReason) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    long userId = e.getUser().getIdLong();
    Result<OpenedTicket> opened = tickets.open(guild.getIdLong(), userId, rawReason);
    if (opened.isRefused()) {
      replies.send(e, opened.refusal());
      return;
    }
    OpenedTicket o = opened.value();
    Ticket t = o.ticket();
    long channelId = o.settings().ticketChannelId();
    TextChannel parent = guild.getTextChannelById(channelId);
    if (parent == null) {
      tickets.markFailed(t.id(), "ticket_channel " + channelId + " unavailable");
      replies.send(e, MessageKey.ERROR_TICKET_CHANNEL_UNAVAILABLE, channelId);
      return;
    }
    List<MessageKey> missing = BotPermissions.missingForTickets(guild.getSelfMember(), parent);
    if (!missing.isEmpty()) {
      tickets.markFailed(t.id(), "missing permissions " + missing);
      replies.send(e, MessageKey.ERROR_MISSING_PERMISSIONS, channelId,
          BotPermissions.names(missing, messages));
      return;
    }
    ThreadChannel thread;
    try {
      thread = parent.createThreadChannel(o.threadName(), true).setInvitable(false).complete();
    } catch (RuntimeException ex) {
      tickets.markFailed(t.id(), "create thread: " + describe(ex));
      replies.send(e, MessageKey.ERROR_THREAD_CREATION_FAILED, t.number());
      return;
    }
    Message first;
    try {
      thread.addThreadMemberById(userId).complete();
      first = thread.sendMessage(firstMessage(o, userId)).complete();
    } catch (RuntimeException ex) {
      tickets.markFailed(t.id(), "set up thread " + thread.getId() + ": " + describe(ex));
      deleteQuietly(thread);
      replies.send(e, MessageKey.ERROR_THREAD_CREATION_FAILED, t.number());
      return;
    }
    try {
      thread.pinMessageById(first.getIdLong()).complete();
    } catch (RuntimeException ex) {
      // Cosmetic: the ticket works without the pin.
      log.warn("ticket id {}: could not pin the first message: {}", t.id(), describe(ex));
    }
    tickets.attachThread(t.id(), thread.getIdLong(), first.getIdLong());
    replies.send(e, MessageKey.TICKET_OPENED_REPLY, t.number(), thread.getIdLong());
  }

  private Modal reasonModal() {
    TextInput input =
        TextInput.create(ComponentId.REASON_INPUT, TextInputStyle.PARAGRAPH)
            .setRequired(true)
            .setRequiredRange(1, Reasons.MAX_LENGTH)
            .setPlaceholder(messages.format(MessageKey.MODAL_OPEN_REASON_PLACEHOLDER))
            .build();
    return Modal.create(new ComponentId.OpenModal().encode(),
            messages.format(MessageKey.MODAL_OPEN_TITLE))
        .addComponents(Label.of(messages.format(MessageKey.MODAL_OPEN_REASON_LABEL), input))
        .build();
  }

  /**
   * The first message: mentions the creator (first, for the legacy creator lookup) and the staff
   * role. Allowed mentions name exactly those two, so the reason can never ping anyone; pinging
   * the staff role is what brings its members into the private thread.
   */
  private MessageCreateData firstMessage(OpenedTicket o, long creatorId) {
    Long staff = o.settings().staffRoleId();
    String content =
        fitReason(o.ticket().reason(), reason -> staff == null
            ? messages.format(MessageKey.TICKET_OPENED_MESSAGE_NO_STAFF, creatorId, reason)
            : messages.format(MessageKey.TICKET_OPENED_MESSAGE, creatorId, staff, reason));
    MessageCreateBuilder b =
        new MessageCreateBuilder()
            .setContent(content)
            .setAllowedMentions(List.of())
            .mentionUsers(creatorId)
            .setComponents(ActionRow.of(Button.danger(
                new ComponentId.Close(o.ticket().id()).encode(),
                messages.format(MessageKey.BUTTON_CLOSE_TICKET))));
    if (staff != null) {
      b.mentionRoles(staff);
    }
    return b.build();
  }

  /**
   * Renders a message around a user's reason: escaped, and shortened if the whole would exceed
   * Discord's 2000 characters (the stored reason stays complete).
   */
  private String fitReason(String reason, java.util.function.Function<String, String> render) {
    String shown = reason == null
        ? messages.format(MessageKey.TICKET_NO_REASON)
        : DiscordText.escape(reason);
    int room = CommandCatalog.MAX_MESSAGE - render.apply("").length();
    if (shown.length() > room) {
      shown = DiscordText.truncate(shown, Math.max(1, room));
    }
    return render.apply(shown);
  }

  // ------------------------------------------------------------------- close

  void closeCommand(SlashCommandInteractionEvent e) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    if (!e.getChannelType().isThread()) {
      replies.send(e, MessageKey.ERROR_NOT_A_TICKET);
      return;
    }
    ThreadChannel thread = e.getChannel().asThreadChannel();
    Result<Ticket> ticket = tickets.resolve(guild.getIdLong(), info(thread), fallback(thread));
    if (ticket.isRefused()) {
      replies.send(e, ticket.refusal());
      return;
    }
    String reason = e.getOption(CommandCatalog.OPT_REASON, OptionMapping::getAsString);
    Result<?> checkedReason = Reasons.normalize(reason);
    if (checkedReason.isRefused()) {
      replies.send(e, checkedReason.refusal());
      return;
    }
    askConfirmation(e, guild, ticket.value().id(), reason);
  }

  void closeButton(ButtonInteractionEvent e, ComponentId.Close id) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    askConfirmation(e, guild, id.ticketId(), null);
  }

  private void askConfirmation(IReplyCallback e, Guild guild, long ticketId, String reason) {
    Actor actor = actor(e.getMember());
    Result<Ticket> allowed = tickets.checkClose(guild.getIdLong(), ticketId, actor);
    if (allowed.isRefused()) {
      replies.send(e, allowed.refusal());
      return;
    }
    pending.put(ticketId, actor.userId(), reason);
    replies.send(e,
        messages.format(MessageKey.TICKET_CLOSE_CONFIRM, allowed.value().number()),
        List.of(ActionRow.of(
            Button.danger(new ComponentId.ConfirmClose(ticketId, actor.userId()).encode(),
                messages.format(MessageKey.BUTTON_CLOSE_CONFIRM)),
            Button.secondary(new ComponentId.CancelClose(ticketId, actor.userId()).encode(),
                messages.format(MessageKey.BUTTON_CANCEL)))));
  }

  void cancelClose(ButtonInteractionEvent e, ComponentId.CancelClose id) {
    if (e.getUser().getIdLong() != id.requesterId()) {
      replies.send(e, MessageKey.ERROR_NOT_YOUR_CONFIRMATION);
      return;
    }
    pending.forget(id.ticketId(), id.requesterId());
    e.editMessage(messages.format(MessageKey.TICKET_CLOSE_CANCELLED))
        .setComponents()
        .setAllowedMentions(List.of())
        .complete();
  }

  void confirmClose(ButtonInteractionEvent e, ComponentId.ConfirmClose id) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    if (e.getUser().getIdLong() != id.requesterId()) {
      replies.send(e, MessageKey.ERROR_NOT_YOUR_CONFIRMATION);
      return;
    }
    String reason = pending.take(id.ticketId(), id.requesterId());
    Result<ClosedTicket> closed =
        tickets.close(guild.getIdLong(), id.ticketId(), actor(e.getMember()), reason);
    if (closed.isRefused()) {
      replies.send(e, closed.refusal());
      return;
    }
    replies.send(e, finishClose(guild, closed.value(), e.getUser().getIdLong()));
  }

  /**
   * The winner's Discord side of a close: post, then one PATCH with the closed name, locked and
   * archived (one rename per close: Discord allows two per ten minutes), DM the creator, log.
   * Each step's failure is reported to the closer; none undoes the close.
   */
  private String finishClose(Guild guild, ClosedTicket c, long closerId) {
    Ticket t = c.ticket();
    List<String> lines = new ArrayList<>();
    lines.add(messages.format(MessageKey.TICKET_CLOSED_REPLY, t.number()));
    ThreadChannel thread = t.threadId() == null ? null : guild.getThreadChannelById(t.threadId());
    try {
      if (thread == null) {
        throw new IllegalStateException("thread not in cache");
      }
      thread.sendMessage(plain(fitReason(t.closeReason(),
          r -> messages.format(MessageKey.TICKET_CLOSED_MESSAGE, closerId, r)))).complete();
      thread.getManager().setName(c.closedThreadName()).setLocked(true).setArchived(true)
          .complete();
    } catch (RuntimeException ex) {
      log.warn("ticket id {}: could not post in, rename, lock or archive thread {}: {}", t.id(),
          t.threadId(), describe(ex));
      lines.add(messages.format(MessageKey.TICKET_CLOSED_THREAD_FAILED));
    }
    String threadUrl = "https://discord.com/channels/" + guild.getId() + "/" + t.threadId();
    try {
      String dm = fitReason(t.closeReason(), r -> messages.format(MessageKey.TICKET_CLOSED_DM,
          t.number(), DiscordText.escape(guild.getName()), closerId, r, threadUrl));
      guild.getJDA().openPrivateChannelById(t.creatorId())
          .flatMap(ch -> ch.sendMessage(plain(dm)))
          .complete();
      lines.add(messages.format(MessageKey.TICKET_CLOSED_DM_SENT, t.creatorId()));
    } catch (RuntimeException ex) {
      log.info("ticket id {}: could not DM creator {}: {}", t.id(), t.creatorId(), describe(ex));
      lines.add(messages.format(MessageKey.TICKET_CLOSED_DM_FAILED, t.creatorId()));
    }
    OptionalLong logChannelId = c.logChannelId();
    if (logChannelId.isEmpty()) {
      lines.add(messages.format(MessageKey.TICKET_CLOSED_NO_LOG));
    } else {
      long logId = logChannelId.getAsLong();
      TextChannel logChannel = guild.getTextChannelById(logId);
      try {
        if (logChannel == null) {
          throw new IllegalStateException("log channel not in cache");
        }
        logChannel.sendMessage(plain(fitReason(t.closeReason(),
            r -> messages.format(MessageKey.TICKET_CLOSED_LOG, t.number(), t.creatorId(), closerId,
                r, t.threadId())))).complete();
        lines.add(messages.format(MessageKey.TICKET_CLOSED_LOGGED, logId));
      } catch (RuntimeException ex) {
        log.warn("ticket id {}: could not log to channel {}: {}", t.id(), logId, describe(ex));
        lines.add(messages.format(MessageKey.TICKET_CLOSED_LOG_FAILED, logId));
      }
    }
    return String.join("\n", lines);
  }

  // ------------------------------------------------------------------- check

  /** The guild of a staff-only command, or null after telling a non-staff member (or a DM) why not. */
  private Guild staffGuild(SlashCommandInteractionEvent e) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return null;
    }
    if (!settings.get(guild.getIdLong()).isStaff(actor(e.getMember()))) {
      replies.send(e, MessageKey.ERROR_STAFF_ONLY);
      return null;
    }
    return guild;
  }

  void check(SlashCommandInteractionEvent e) {
    Guild guild = staffGuild(e);
    if (guild == null) {
      return;
    }
    OptionMapping option = e.getOption(CommandCatalog.OPT_THREAD);
    long targetId = option == null ? e.getChannelIdLong() : option.getAsLong();
    ThreadChannel thread = guild.getThreadChannelById(targetId);
    if (thread == null && option != null && option.getChannelType().isThread()) {
      thread = option.getAsChannel().asThreadChannel();
    } else if (thread == null && option == null && e.getChannelType().isThread()) {
      thread = e.getChannel().asThreadChannel();
    }
    if (thread == null) {
      replies.send(e, MessageKey.TICKET_CHECK_NOT_TICKET, targetId,
          messages.format(MessageKey.CHECK_WHY_NOT_A_THREAD));
      return;
    }
    TicketCheck.Verdict v = tickets.isTicket(guild.getIdLong(), info(thread));
    if (v.isTicket()) {
      replies.send(e, MessageKey.TICKET_CHECK_IS_TICKET, thread.getIdLong(), v.number());
    } else {
      replies.send(e, MessageKey.TICKET_CHECK_NOT_TICKET, thread.getIdLong(),
          messages.format(why(v.notTicket())));
    }
  }

  private static MessageKey why(TicketCheck.NotTicket n) {
    switch (n) {
      case TICKET_CHANNEL_NOT_SET:
        return MessageKey.CHECK_WHY_TICKET_CHANNEL_NOT_SET;
      case NOT_COUNTING:
        return MessageKey.CHECK_WHY_NOT_COUNTING;
      case NOT_PRIVATE:
        return MessageKey.CHECK_WHY_NOT_PRIVATE;
      case WRONG_PARENT:
        return MessageKey.CHECK_WHY_WRONG_PARENT;
      case NAME_MISMATCH:
        return MessageKey.CHECK_WHY_NAME_MISMATCH;
      case NUMBER_TOO_HIGH:
        return MessageKey.CHECK_WHY_NUMBER_TOO_HIGH;
      default:
        throw new AssertionError(n);
    }
  }

  // ------------------------------------------------------------------- panel

  void panel(SlashCommandInteractionEvent e) {
    Guild guild = staffGuild(e);
    if (guild == null) {
      return;
    }
    OptionMapping option = e.getOption(CommandCatalog.OPT_CHANNEL);
    long targetId = option == null ? e.getChannelIdLong() : option.getAsLong();
    TextChannel target = guild.getTextChannelById(targetId);
    if (target == null) {
      replies.send(e, MessageKey.ERROR_PANEL_CHANNEL_TYPE);
      return;
    }
    List<MessageKey> missing = BotPermissions.missingForPosting(guild.getSelfMember(), target);
    if (!missing.isEmpty()) {
      replies.send(e, MessageKey.ERROR_MISSING_PERMISSIONS, targetId,
          BotPermissions.names(missing, messages));
      return;
    }
    String text = e.getOption(CommandCatalog.OPT_MESSAGE, OptionMapping::getAsString);
    target.sendMessage(new MessageCreateBuilder()
            .setContent(text == null || text.isBlank()
                ? messages.format(MessageKey.PANEL_MESSAGE) : text)
            .setAllowedMentions(List.of())
            .setComponents(ActionRow.of(Button.primary(new ComponentId.OpenTicket().encode(),
                messages.format(MessageKey.BUTTON_OPEN_TICKET))))
            .build())
        .complete();
    replies.send(e, MessageKey.PANEL_POSTED, targetId);
  }

  // ----------------------------------------------------------------- helpers

  static Actor actor(Member m) {
    if (m == null) {
      throw new IllegalStateException("interaction without a member");
    }
    java.util.Set<Long> roles = new java.util.HashSet<>();
    m.getRoles().forEach(r -> roles.add(r.getIdLong()));
    return new Actor(m.getIdLong(), roles, m.hasPermission(
        net.dv8tion.jda.api.Permission.MANAGE_SERVER),
        m.hasPermission(net.dv8tion.jda.api.Permission.ADMINISTRATOR));
  }

  static ThreadInfo info(ThreadChannel t) {
    return new ThreadInfo(t.getIdLong(), t.getParentChannel().getIdLong(), t.getName(),
        t.getType() == ChannelType.GUILD_PRIVATE_THREAD);
  }

  /**
   * The original bot's {@code get_ticket_creator}: the first user mentioned in the bot's first
   * message after the thread's creation (read with history {@code after} the thread's id, which is
   * its creation time).
   */
  private CreatorFallback fallback(ThreadChannel thread) {
    return info -> {
      if (info.id() != thread.getIdLong()) {
        return OptionalLong.empty();
      }
      long self = thread.getJDA().getSelfUser().getIdLong();
      List<Message> history =
          thread.getHistoryAfter(thread.getIdLong(), FALLBACK_HISTORY).complete()
              .getRetrievedHistory();
      Message first = null;
      for (Message m : history) { // newest first
        if (m.getAuthor().getIdLong() == self) {
          first = m;
        }
      }
      if (first == null) {
        return OptionalLong.empty();
      }
      Matcher mention = USER_MENTION.matcher(first.getContentRaw());
      while (mention.find()) {
        long id = Long.parseLong(mention.group(1));
        if (id != self) {
          return OptionalLong.of(id);
        }
      }
      return OptionalLong.empty();
    };
  }

  private static MessageCreateData plain(String content) {
    return new MessageCreateBuilder().setContent(content).setAllowedMentions(List.of()).build();
  }

  private static void deleteQuietly(ThreadChannel thread) {
    try {
      thread.delete().complete();
    } catch (RuntimeException ex) {
      log.warn("could not delete half-made thread {}: {}", thread.getId(), describe(ex));
    }
  }

  /** An internal description of a failure: error codes and permission names, no user text. */
  static String describe(Throwable ex) {
    if (ex instanceof ErrorResponseException ere) {
      return "Discord error " + ere.getErrorCode() + " (" + ere.getErrorResponse() + ")";
    }
    if (ex instanceof InsufficientPermissionException ipe) {
      return "missing permission " + ipe.getPermission();
    }
    return ex.getClass().getSimpleName();
  }
}
