package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.OpenedTicket;
import dev.tiramisu.tickets.ticket.ThreadInfo;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.settings.FormAnswer;
import dev.tiramisu.tickets.settings.FormQuestion;
import dev.tiramisu.tickets.settings.TicketTypes;
import dev.tiramisu.tickets.text.DiscordText;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.interactions.callbacks.IModalCallback;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening tickets (closing: {@link CloseHandlers}; checking and the panel: {@link StaffHandlers};
 * the staff workflow: {@link ClaimHandlers}, {@link MemberHandlers}, {@link ReopenHandlers}). Every method runs on the router's
 * executor (never on JDA's gateway thread) and may block on the database and on Discord.
 *
 * <p>Order of work: acknowledge first (the router defers the ephemeral reply before calling a
 * handler), then the service (which saves), then Discord, then the final answer. The exception
 * is {@link #acknowledgeCreate}: it may show the reason form, and otherwise holds the reply back
 * ({@link HeldReplies}) so that the link can be the first response; the ticket is then saved
 * before the acknowledgement, and the interaction's id saved with it makes a second delivery
 * stop ({@link dev.tiramisu.tickets.ticket.TicketStore.AlreadyOpenedException}).
 */
final class TicketHandlers {
  private static final Logger log = LoggerFactory.getLogger(TicketHandlers.class);
  /**
   * How long a create or close waits for the effects worker's answer before saying the Discord
   * side is still in progress (the interaction token lasts 15 minutes; the worker's answer
   * replaces this one).
   */
  static final java.time.Duration ANSWER_WAIT = java.time.Duration.ofSeconds(5);

  private final TicketService tickets;
  private final SettingsService settings;
  private final Replies replies;
  private final CreateAckReads ackReads;
  private final EffectWorker effects;
  private final dev.tiramisu.tickets.ticket.Blocklist blocklist;
  private final TicketTypes types;
  private final TicketForms forms;

  /**
   * @param settingsReads runs the settings read whose result decides between the reason form and
   *     a deferred reply, so the acknowledgement never waits longer than its budget for it
   */
  TicketHandlers(TicketService tickets, SettingsService settings, Replies replies,
      Executor settingsReads, EffectWorker effects,
      dev.tiramisu.tickets.ticket.Blocklist blocklist, TicketTypes types) {
    this.types = types;
    this.forms = new TicketForms(types);
    this.tickets = tickets;
    this.blocklist = blocklist;
    this.effects = effects;
    this.settings = settings;
    this.replies = replies;
    this.ackReads = new CreateAckReads(settings, blocklist, types, settingsReads);
  }

  // ------------------------------------------------------------------ create

  /**
   * Acknowledges a {@code /ticket create} or a panel button within Discord's 3 seconds: with the
   * reason form when the guild requires a reason and none was given, else by holding the reply
   * back for {@link HeldReplies#BUDGET} (the answer with the link is then the first response, or
   * the reply is deferred when the budget runs out). Reading the settings for that choice is
   * bounded by {@link CreateAckReads}: if the database is slow, the reply is deferred without a form and
   * {@link TicketService#open} asks for the reason instead.
   *
   * <p>An interaction delivered twice (a gateway replay, or two processes running the same shard)
   * opens at most one ticket: the ticket is saved with the interaction's id, unique, and a second
   * delivery's save stops there. (Before issue 14 nothing was written before the acknowledgement,
   * and Discord's refusal of a second one, 40060, ended that delivery.)
   *
   * @param modal where a modal may be shown
   * @return the work to do once the reply is deferred, or null when the answer was given
   */
  Runnable acknowledgeCreate(IReplyCallback e, IModalCallback modal, String rawReason,
      String typeName, Long typeId) {
    return acknowledgeCreate(e, modal, rawReason, typeName, typeId, null);
  }

  /**
   * As above, for a click on a panel: {@code panelRemoved} (a read of the panel's row) is read
   * with the settings, within the same budget; when it says the panel was deleted, the click opens
   * nothing and is answered {@code error.panel-removed}.
   */
  Runnable acknowledgeCreate(IReplyCallback e, IModalCallback modal, String rawReason,
      String typeName, Long typeId, BooleanSupplier panelRemoved) {
    Messages messages = replies.messages(e);
    Guild guild = e.getGuild();
    if (guild == null || !e.isFromGuild()) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return null;
    }
    // The blocklist and the types are read with the settings, so a blocked member is not asked
    // for a type or a reason, and the type is chosen before the reason is asked for.
    Optional<CreateAckReads.Read> read = ackReads.within(e, guild.getIdLong(),
        actor(e.getMember()), panelRemoved);
    if (read.isPresent()) {
      if (read.get().panelRemoved()) {
        replies.send(e, MessageKey.ERROR_PANEL_REMOVED);
        return null;
      }
      if (read.get().blocked().isPresent()) {
        replies.send(e, read.get().blocked().get());
        return null;
      }
      TypeChoices.Choice choice = TypeChoices.choose(read.get().types(), typeName, typeId, rawReason);
      if (choice.refusal() != null) {
        replies.send(e, choice.refusal());
        return null;
      }
      if (choice.ask()) {
        replies.send(e, messages.format(MessageKey.TICKET_PICK_TYPE),
            List.of(ActionRow.of(TypeChoices.select(read.get().types(),
                replies.messages(e)))));
        return null;
      }
      GuildSettings s = read.get().settings().forType(choice.type());
      if (!s.ticketsEnabled()) {
        replies.send(e, MessageKey.ERROR_TICKETS_NOT_ENABLED);
        return null;
      }
      List<FormQuestion> questions = choice.type() == null ? List.of()
          : read.get().forms().getOrDefault(choice.type().id(), List.of());
      if (!questions.isEmpty()) {
        modal.replyModal(forms.formModal(messages, choice.type(), questions, s.requireReason(),
                rawReason))
            .complete();
        return null;
      }
      if ((rawReason == null || rawReason.isBlank()) && s.requireReason()) {
        modal.replyModal(forms.reasonModal(replies.messages(e), choice.type())).complete();
        return null;
      }
      // Not deferred: held back for a moment, so that the link can be the first response
      // (HeldReplies defers it if the thread takes longer).
      replies.held().hold(e);
      TicketType chosen = choice.type();
      // the blocklist and the type's form were read just now: not read again
      return () -> open(e, rawReason, chosen, true, List.of(), false);
    }
    e.deferReply(true).complete();
    return () -> {
      // The database was slow at the acknowledgement: choose now (asking with the select).
      if (panelRemoved != null && panelRemoved.getAsBoolean()) {
        replies.send(e, MessageKey.ERROR_PANEL_REMOVED);
        return;
      }
      TypeChoices.Choice choice = TypeChoices.choose(types.list(guild.getIdLong()), typeName, typeId, rawReason);
      if (choice.refusal() != null) {
        replies.send(e, choice.refusal());
      } else if (choice.ask()) {
        replies.send(e, messages.format(MessageKey.TICKET_PICK_TYPE),
            List.of(ActionRow.of(TypeChoices.select(types.list(guild.getIdLong()),
                replies.messages(e)))));
      } else {
        open(e, rawReason, choice.type(), true);
      }
    };
  }

  /** The reason form was submitted (the router has deferred the reply). */
  void createFromModal(ModalInteractionEvent e, Long typeId) {
    var value = e.getValue(ComponentId.REASON_INPUT);
    String reason = value == null ? null : value.getAsString();
    if (typeId == null || e.getGuild() == null) {
      open(e, reason, null, false);
      return;
    }
    Optional<TicketType> type = types.live(e.getGuild().getIdLong(), typeId);
    if (type.isEmpty()) {
      replies.send(e, MessageKey.ERROR_TYPE_GONE);
      return;
    }
    open(e, reason, type.get(), true);
  }

  /**
   * A ticket type's form was submitted (the router has deferred the reply): checked again, then
   * the ticket and its answers are saved together. A refusal shows back what was typed.
   */
  void createFromForm(ModalInteractionEvent e, ComponentId.TypeForm form) {
    Result<TicketForms.Submission> read = forms.read(e, form);
    if (read.isRefused()) {
      Messages messages = replies.messages(e);
      replies.send(e, TicketForms.echo(e,
          messages.format(read.refusal().key(), read.refusal().args()), messages));
      return;
    }
    TicketForms.Submission s = read.value();
    open(e, s.reason(), s.type(), true, s.answers());
  }

  /** The type id a {@link ComponentId.PickType} select sent, or null if malformed. */
  static Long pickedType(List<String> values) {
    if (values.size() != 1 || !values.get(0).matches("[1-9][0-9]{0,18}")) {
      return null;
    }
    return Long.parseLong(values.get(0));
  }

  /**
   * Opens a ticket; the reply is deferred. What only Discord knows (the ticket channel and the
   * bot's permissions there, from JDA's cache) is checked before a number is allocated, so a
   * misconfigured guild does not burn numbers. Then the ticket and its Discord effects are saved in
   * one transaction, and the effects worker creates the thread, adds the member, posts and pins
   * the first message and answers the member (see {@link EffectWorker}).
   */
  private void open(IReplyCallback e, String rawReason, TicketType type, boolean typed) {
    open(e, rawReason, type, typed, null, true);
  }

  private void open(IReplyCallback e, String rawReason, TicketType type, boolean typed,
      List<FormAnswer> answers) {
    open(e, rawReason, type, typed, answers, true);
  }

  /**
   * @param answers the checked answers of the type's form, or null when no form was shown (then
   *     a type with questions is refused: its form must be filled in)
   * @param checkBlocklist false when the acknowledgement has just checked it
   */
  private void open(IReplyCallback e, String rawReason, TicketType type, boolean typed,
      List<FormAnswer> answers, boolean checkBlocklist) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    Member member = e.getMember();
    Optional<Refusal> blocked = checkBlocklist
        ? blocklist.check(guild.getIdLong(), actor(member)) : Optional.empty();
    if (blocked.isPresent()) {
      replies.send(e, blocked.get());
      return;
    }
    TicketType chosen = typed ? type : defaultType(guild);
    if (answers == null && chosen != null && !types.forms().questions(chosen.id()).isEmpty()) {
      replies.send(e, MessageKey.ERROR_FORM_NOT_SHOWN, DiscordText.escape(chosen.name()));
      return;
    }
    Result<OpenedTicket> opened;
    try {
      opened = tickets.open(guild.getIdLong(), e.getUser().getIdLong(),
          member.getEffectiveName(), rawReason, ReplyHandle.of(e),
          s -> readyForTickets(replies.messages(e), guild, s.ticketChannelId()), chosen,
          answers == null ? List.of() : answers, e.getIdLong());
    } catch (dev.tiramisu.tickets.ticket.TicketStore.AlreadyOpenedException twice) {
      // a second delivery (another process ran the shard too): the first one answers
      replies.held().release(e);
      log.info("interaction {}: already opened a ticket (delivered twice); not answered here",
          e.getId());
      return;
    }
    if (opened.isRefused()) {
      Messages messages = replies.messages(e);
      String why = messages.format(opened.refusal().key(), opened.refusal().args());
      replies.send(e, e instanceof ModalInteractionEvent m && answers != null
          ? TicketForms.echo(m, why, messages) : why);
      return;
    }
    Ticket t = opened.value().ticket();
    effects.kick(t.id(), guild.getIdLong());
    answerWhenDone(e, t, EffectKind.REPLY_OPENED, MessageKey.TICKET_OPEN_PENDING);
  }

  /**
   * The type of a ticket opened through the old reason form ({@code tt:open-modal}, shown before
   * types existed): the guild's only type, if it has exactly one.
   */
  private TicketType defaultType(Guild guild) {
    List<TicketType> live = types.list(guild.getIdLong());
    return live.size() == 1 ? live.get(0) : null;
  }

  /** The ticket channel in JDA's cache and the bot's permissions there, or why not. */
  private Optional<Refusal> readyForTickets(Messages messages, Guild guild, long channelId) {
    TextChannel parent = guild.getTextChannelById(channelId);
    if (parent == null) {
      return Optional.of(Refusal.of(MessageKey.ERROR_TICKET_CHANNEL_UNAVAILABLE, channelId));
    }
    List<MessageKey> missing = BotPermissions.missingForTickets(guild.getSelfMember(), parent);
    if (!missing.isEmpty()) {
      return Optional.of(Refusal.of(MessageKey.ERROR_MISSING_PERMISSIONS, channelId,
          BotPermissions.names(missing, messages)));
    }
    return Optional.empty();
  }

  /**
   * Waits (bounded) for the effects worker to answer through {@code reply}; if it has not by then
   * (Discord slow or failing, or another process runs the effects), says in plain words that the
   * work is saved and still going on. The worker's answer replaces this one when it comes.
   */
  private void answerWhenDone(IReplyCallback e, Ticket t, EffectKind reply, MessageKey pending) {
    answerWhenDone(effects, replies, e, t, reply, pending);
  }

  /** As above, for the other handlers (closing). */
  static void answerWhenDone(EffectWorker effects, Replies replies, IReplyCallback e, Ticket t,
      EffectKind reply, MessageKey pending) {
    Optional<Effect> answered = effects.awaitSettled(t.id(), reply, ANSWER_WAIT);
    if (answered.isEmpty() || !answered.get().isPending()) {
      return;
    }
    synchronized (effects.replyLock(t.id())) {
      Optional<Effect> now = EffectWorker.latest(effects.effectsOf(t.id()), reply);
      if (now.isPresent() && now.get().isPending() && !AnswerAlongside.given(now.get())) {
        replies.send(e, pending, t.number());
      }
    }
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
