package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.List;
import net.dv8tion.jda.api.components.MessageTopLevelComponent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * Ephemeral answers to interactions, in the language of the user who acted ({@link
 * Locales#user}). Every answer sets allowed mentions explicitly to none: a mention in an answer
 * shows as a link but never pings anyone.
 */
final class Replies {
  /** Attempts of an answer that Discord refused with a 5xx. */
  private static final int ATTEMPTS = 3;

  /** Keys that are failures of the bot, not refusals: what the metrics count as errors. */
  private static final java.util.Set<MessageKey> ERRORS = java.util.EnumSet.of(
      MessageKey.ERROR_DATABASE_UNAVAILABLE, MessageKey.ERROR_INTERNAL,
      MessageKey.ERROR_INTERNAL_REF, MessageKey.ERROR_THREAD_CREATION_FAILED);

  private final Messages messages;
  private final InteractionTracker tracker;
  private final HeldReplies held;

  Replies(Messages messages) {
    this(messages, new InteractionTracker(dev.tiramisu.tickets.metrics.InteractionMetrics.NONE));
  }

  /**
   * Answers that also tell {@code tracker} how the interaction ended: an answer with a {@link
   * Refusal} or an {@code ERROR_*} key is a refusal, except the bot's own failures ({@link
   * #ERRORS}), which are errors.
   */
  Replies(Messages messages, InteractionTracker tracker) {
    this(messages, tracker, HeldReplies.NONE);
  }

  /** As above, giving the first response of interactions {@code held} holds back. */
  Replies(Messages messages, InteractionTracker tracker, HeldReplies held) {
    this.messages = messages;
    this.tracker = tracker;
    this.held = held;
  }

  /** The interactions whose acknowledgement waits for their answer. */
  HeldReplies held() {
    return held;
  }

  /** The default (English) texts: for what no interaction's user reads. */
  Messages messages() {
    return messages;
  }

  /** The texts in the language of the user who caused {@code event}. */
  Messages messages(net.dv8tion.jda.api.interactions.Interaction event) {
    return Locales.user(event);
  }

  String text(MessageKey key, Object... args) {
    return messages.format(key, args);
  }

  /** Answers with a message: the first response, or the edit of a deferred one. Blocks. */
  void send(IReplyCallback event, MessageKey key, Object... args) {
    classify(event, key);
    send(event, messages(event).format(key, args), List.of());
  }

  void send(IReplyCallback event, Refusal refusal) {
    classify(event, refusal.key());
    send(event, messages(event).format(refusal.key(), refusal.args()), List.of());
  }

  private void classify(IReplyCallback event, MessageKey key) {
    if (ERRORS.contains(key)) {
      tracker.failed(event);
    } else if (key.name().startsWith("ERROR_")) {
      tracker.refused(event);
    }
  }

  void send(IReplyCallback event, String text) {
    send(event, text, List.of());
  }

  void send(IReplyCallback event, String text, List<? extends MessageTopLevelComponent> rows) {
    // Only the edit of a deferred reply can be tried again: a first response that failed has
    // used up the interaction's one acknowledgement.
    if (held.replyFirst(event, new MessageCreateBuilder()
        .setContent(DiscordText.truncate(text, CommandCatalog.MAX_MESSAGE))
        .setComponents(rows)
        .setAllowedMentions(List.of())
        .build())) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        edit(event, text, rows);
        return;
      } catch (ErrorResponseException e) {
        // A Discord 5xx on the answer itself: the work is done, so try the answer again.
        if (attempt >= ATTEMPTS || !(e.isServerError()
            || (e.getResponse() != null && e.getResponse().code >= 500))) {
          throw e;
        }
      }
    }
  }

  private static void edit(IReplyCallback event, String text,
      List<? extends MessageTopLevelComponent> rows) {
    event
        .getHook()
        .editOriginal(
            new MessageEditBuilder()
                .setContent(DiscordText.truncate(text, CommandCatalog.MAX_MESSAGE))
                .setComponents(rows)
                .setAllowedMentions(List.of())
                .build())
        .complete();
  }

  /**
   * The guild of a Manage Server command, or null after answering why not (outside a guild, or
   * the member may not manage the server). Discord's default permissions hide such commands; the
   * bot checks again, since a server can change who sees them.
   */
  net.dv8tion.jda.api.entities.Guild managedGuild(
      net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent e) {
    net.dv8tion.jda.api.entities.Guild guild = e.getGuild();
    if (guild == null) {
      send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return null;
    }
    if (!TicketHandlers.actor(e.getMember()).canManageServer()) {
      send(e, MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
      return null;
    }
    return guild;
  }
}
