package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketTranscripts;
import dev.tiramisu.tickets.transcript.StoredTranscript;
import dev.tiramisu.tickets.transcript.Transcript;
import dev.tiramisu.tickets.transcript.TranscriptCompression;
import dev.tiramisu.tickets.transcript.TranscriptLabels;
import dev.tiramisu.tickets.transcript.TranscriptMessage;
import dev.tiramisu.tickets.transcript.TranscriptRenderer;
import dev.tiramisu.tickets.transcript.TranscriptSource;
import dev.tiramisu.tickets.transcript.TranscriptStore;
import dev.tiramisu.tickets.transcript.TranscriptUser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.utils.FileUpload;

/**
 * The transcript of a close (issue 13): the {@code TRANSCRIPT} effect reads the ticket's whole
 * thread ({@link TranscriptReader}, paged, at most 10,000 messages), renders it and stores it
 * compressed (an upsert, so a retry after a crash or a later close replaces it: idempotent); the
 * DM and the log line of the same close then attach what it stored ({@link #delivery}). A thread
 * that is gone or unreadable fails the effect for good; the close goes on and its log line says
 * the transcript is missing.
 */
final class TranscriptEffects {
  private final TranscriptStore store;
  private final Messages messages;
  private final ThreadLookup threads;
  private final boolean messageContent;
  private final Clock clock;

  /**
   * @param messageContent whether the bot has the Message Content intent (its configuration):
   *     without it the transcript says members' text was not available
   */
  TranscriptEffects(TranscriptStore store, Messages messages, ThreadLookup threads,
      boolean messageContent, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.threads = Objects.requireNonNull(threads, "threads");
    this.messageContent = messageContent;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The {@code TRANSCRIPT} effect: read, render, store. A close renames the thread right after
   * its transcript (in the lock's PATCH): the transcript shows the name that rename gives, so
   * every attempt renders the same page whether or not the rename happened meanwhile.
   */
  EffectResult make(Effect e, Ticket t, Guild guild, java.util.List<Effect> chain) {
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    if (!guild.getSelfMember().hasPermission(thread, Permission.VIEW_CHANNEL,
        Permission.MESSAGE_HISTORY)) {
      return EffectResult.failed("missing permissions to read thread " + thread.getId());
    }
    TranscriptSource.History history = TranscriptSource.readAll(new TranscriptReader(thread));
    String name = chain.stream()
        .filter(x -> x.id() > e.id())
        .findFirst() // the effect recorded right after this one: the close's rename
        .filter(x -> x.kind() == dev.tiramisu.tickets.effects.EffectKind.RENAME_THREAD)
        .map(x -> x.payload().require(dev.tiramisu.tickets.ticket.TicketService.NAME))
        .orElse(thread.getName());
    Transcript transcript = new Transcript(t.number(), guild.getName(), name,
        creator(t, history.messages()), t.createdAt(), t.closedAt(), messageContent,
        history.messages(), history.truncated());
    // the page in the guild's language
    String html = new TranscriptRenderer(labels(Locales.guild(guild))).render(transcript);
    int bytes = html.getBytes(StandardCharsets.UTF_8).length;
    store.save(new StoredTranscript(t.id(), TranscriptCompression.gzip(html), bytes,
        history.messages().size(), messageContent, history.truncated(), clock.instant()));
    return EffectResult.done("transcript of " + history.messages().size() + " messages, "
        + bytes + " bytes" + (history.truncated() ? ", cut" : ""));
  }

  /**
   * The creator's name as the thread shows it: from a message they wrote, else from a mention of
   * them (the first message mentions them); null when neither exists.
   */
  private static TranscriptUser creator(Ticket t, List<TranscriptMessage> messages) {
    String id = Long.toString(t.creatorId());
    for (TranscriptMessage m : messages) {
      if (m.author().id().equals(id)) {
        return new TranscriptUser(id, m.author().name(), false);
      }
    }
    for (TranscriptMessage m : messages) {
      String name = m.mentions().users().get(id);
      if (name != null) {
        return new TranscriptUser(id, name, false);
      }
    }
    return null;
  }

  /** The transcript's words from the message bundle (its language too). */
  static TranscriptLabels labels(Messages m) {
    // A pattern's placeholders are filled with themselves, so the renderer gets the pattern back.
    return new TranscriptLabels(
        m.format(MessageKey.TRANSCRIPT_LANGUAGE),
        m.format(MessageKey.TRANSCRIPT_HEADING, "{0}"),
        m.format(MessageKey.TRANSCRIPT_SERVER),
        m.format(MessageKey.TRANSCRIPT_THREAD),
        m.format(MessageKey.TRANSCRIPT_OPENED_BY),
        m.format(MessageKey.TRANSCRIPT_OPENED),
        m.format(MessageKey.TRANSCRIPT_CLOSED),
        m.format(MessageKey.TRANSCRIPT_MESSAGE_COUNT),
        m.format(MessageKey.TRANSCRIPT_TIMES_IN_UTC),
        m.format(MessageKey.TRANSCRIPT_CONTENT_UNAVAILABLE),
        m.format(MessageKey.TRANSCRIPT_TEXT_UNAVAILABLE),
        m.format(MessageKey.TRANSCRIPT_REPLYING_TO, "{0}"),
        m.format(MessageKey.TRANSCRIPT_REPLY_UNAVAILABLE),
        m.format(MessageKey.TRANSCRIPT_EDITED),
        m.format(MessageKey.TRANSCRIPT_BOT),
        m.format(MessageKey.TRANSCRIPT_ATTACHMENTS),
        m.format(MessageKey.TRANSCRIPT_PINNED, "{0}"),
        m.format(MessageKey.TRANSCRIPT_MEMBER_ADDED, "{0}", "{1}"),
        m.format(MessageKey.TRANSCRIPT_MEMBER_REMOVED, "{0}", "{1}"),
        m.format(MessageKey.TRANSCRIPT_NAME_CHANGED, "{0}", "{1}"),
        m.format(MessageKey.TRANSCRIPT_THREAD_CREATED, "{0}", "{1}"),
        m.format(MessageKey.TRANSCRIPT_OTHER_SYSTEM, "{0}"),
        m.format(MessageKey.TRANSCRIPT_TRUNCATED, "{0}"));
  }

  /**
   * What a close's DM or log line carries about the transcript.
   *
   * @param line the line added to the message, or null for none
   * @param file the file to attach, or null
   */
  record Delivery(String line, FileUpload file) {
    static final Delivery NONE = new Delivery(null, null);
  }

  /**
   * The transcript of the close whose DM or log line runs now ({@code before}: the ticket's
   * effects recorded before it), as a line and a file.
   *
   * @param channel the log channel (its Attach Files permission is checked), or null for a DM
   * @param uploadLimit the largest file Discord takes there
   * @param sayMissing whether a missing transcript is mentioned (the log) or passed over (the DM)
   */
  Delivery delivery(Messages messages, Ticket t, List<Effect> before, GuildChannel channel,
      long uploadLimit, boolean sayMissing) {
    Optional<StoredTranscript> stored = TicketTranscripts.ofLastClose(before)
        .filter(x -> x.state() == dev.tiramisu.tickets.effects.EffectState.DONE)
        .flatMap(x -> store.find(t.id()));
    if (stored.isEmpty()) {
      return sayMissing ? new Delivery(messages.format(MessageKey.TRANSCRIPT_MISSING), null)
          : Delivery.NONE;
    }
    StoredTranscript s = stored.get();
    if (s.htmlBytes() > uploadLimit) {
      return new Delivery(messages.format(MessageKey.TRANSCRIPT_TOO_LARGE,
          kib(s.htmlBytes()), kib(uploadLimit), t.number()), null);
    }
    if (channel != null && !channel.getGuild().getSelfMember()
        .hasPermission(channel, Permission.MESSAGE_ATTACH_FILES)) {
      return new Delivery(
          messages.format(MessageKey.TRANSCRIPT_NO_ATTACH_PERMISSION, t.number()), null);
    }
    String line = messages.format(MessageKey.TRANSCRIPT_ATTACHED, s.messageCount())
        + (s.contentAvailable() ? "" : " "
            + messages.format(MessageKey.TRANSCRIPT_ATTACHED_NO_CONTENT));
    return new Delivery(line, file(s, t.number()));
  }

  /** The stored transcript as a file to upload, {@code transcript-<number>.html}. */
  static FileUpload file(StoredTranscript s, int number) {
    return FileUpload.fromData(s.html().getBytes(StandardCharsets.UTF_8),
        StoredTranscript.fileName(number));
  }

  /** Discord's upload limit in DMs and interaction answers (no server boosts apply there). */
  static long directUploadLimit() {
    return Message.MAX_FILE_SIZE;
  }

  private static long kib(long bytes) {
    return (bytes + 1023) / 1024;
  }
}
