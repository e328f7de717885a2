package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.transcript.MentionNames;
import dev.tiramisu.tickets.transcript.SystemKind;
import dev.tiramisu.tickets.transcript.Transcript;
import dev.tiramisu.tickets.transcript.TranscriptAttachment;
import dev.tiramisu.tickets.transcript.TranscriptEmbed;
import dev.tiramisu.tickets.transcript.TranscriptMessage;
import dev.tiramisu.tickets.transcript.TranscriptSource;
import dev.tiramisu.tickets.transcript.TranscriptUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.dv8tion.jda.api.components.textdisplay.TextDisplay;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.MessageReference;
import net.dv8tion.jda.api.entities.MessageType;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * Reads a channel's (a ticket thread's) history through JDA into the transcript model: {@code GET
 * /channels/{id}/messages?after=...&limit=100}, oldest first, with mentions, attachments, embeds
 * and Components V2 text displays. Blocking ({@code complete()}): call it from a worker thread,
 * never from JDA's event thread. What Discord withholds without the Message Content intent arrives
 * empty and stays empty; {@link Transcript#messageContentAvailable()} tells the reader why.
 */
public final class TranscriptReader implements TranscriptSource {
  private final MessageChannel channel;

  public TranscriptReader(MessageChannel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  @Override
  public List<TranscriptMessage> page(String afterId, int limit) {
    if (limit < 1 || limit > PAGE_SIZE) {
      throw new IllegalArgumentException("limit must be 1.." + PAGE_SIZE + ": " + limit);
    }
    List<Message> newestFirst = MessageHistory.getHistoryAfter(channel, afterId == null ? "0" : afterId)
        .limit(limit).complete().getRetrievedHistory();
    List<TranscriptMessage> out = new ArrayList<>(newestFirst.size());
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      out.add(convert(newestFirst.get(i)));
    }
    return out;
  }

  /**
   * The whole thread (at most {@link TranscriptSource#MAX_MESSAGES} messages) with the ticket's summary.
   *
   * @param messageContent whether the bot has the Message Content intent (the bot's configuration)
   */
  public static Transcript read(ThreadChannel thread, long ticketNumber, TranscriptUser creator, Instant openedAt,
      Instant closedAt, boolean messageContent) {
    History history = TranscriptSource.readAll(new TranscriptReader(thread));
    return new Transcript(ticketNumber, thread.getGuild().getName(), thread.getName(), creator, openedAt, closedAt,
        messageContent, history.messages(), history.truncated());
  }

  /** One JDA message in the model. */
  static TranscriptMessage convert(Message m) {
    MessageReference ref = m.getMessageReference();
    String replyTo = ref != null && m.getType() == MessageType.INLINE_REPLY ? ref.getMessageId() : null;
    List<TranscriptEmbed> embeds = new ArrayList<>();
    for (MessageEmbed e : m.getEmbeds()) {
      embeds.add(embed(e));
    }
    List<String> texts = new ArrayList<>();
    if (!m.getComponents().isEmpty()) {
      for (TextDisplay td : m.getComponentTree().findAll(TextDisplay.class)) {
        texts.add(td.getContent());
      }
    }
    List<TranscriptAttachment> attachments = new ArrayList<>();
    for (Message.Attachment a : m.getAttachments()) {
      attachments.add(new TranscriptAttachment(a.getFileName(), a.getUrl(), a.getSize()));
    }
    Instant edited = m.getTimeEdited() == null ? null : m.getTimeEdited().toInstant();
    return new TranscriptMessage(m.getId(), author(m), m.getTimeCreated().toInstant(), edited, m.getContentRaw(),
        replyTo, embeds, texts, attachments, system(m.getType()), mentions(m, texts));
  }

  private static TranscriptUser author(Message m) {
    User u = m.getAuthor();
    Member member = m.isFromGuild() ? m.getMember() : null;
    String name = member != null ? member.getEffectiveName() : u.getEffectiveName();
    return new TranscriptUser(u.getId(), name, u.isBot());
  }

  private static TranscriptEmbed embed(MessageEmbed e) {
    List<TranscriptEmbed.Field> fields = new ArrayList<>();
    for (MessageEmbed.Field f : e.getFields()) {
      fields.add(new TranscriptEmbed.Field(f.getName(), f.getValue(), f.isInline()));
    }
    Integer colour = e.getColorRaw() == Role.DEFAULT_COLOR_RAW ? null : e.getColorRaw();
    String footer = e.getFooter() == null ? null : e.getFooter().getText();
    return new TranscriptEmbed(e.getTitle(), e.getDescription(), e.getUrl(), colour, fields, footer);
  }

  /** Role and channel mentions: {@code <@&id>}, {@code <#id>}. */
  private static final java.util.regex.Pattern ROLE_OR_CHANNEL =
      java.util.regex.Pattern.compile("<(@&|#)(\\d{1,20})>");

  /**
   * The names of what {@code m} mentions. JDA finds role and channel mentions in the content
   * only; a Components V2 message has its text (and mentions) in text displays, so those are
   * looked up in the guild too.
   */
  private static MentionNames mentions(Message m, List<String> texts) {
    Map<String, String> users = new LinkedHashMap<>();
    for (User u : m.getMentions().getUsers()) {
      users.put(u.getId(), u.getEffectiveName());
    }
    if (m.isFromGuild()) {
      for (Member member : m.getMentions().getMembers()) {
        users.put(member.getId(), member.getEffectiveName()); // the server nickname wins
      }
    }
    Map<String, String> roles = new LinkedHashMap<>();
    for (Role r : m.getMentions().getRoles()) {
      roles.put(r.getId(), r.getName());
    }
    Map<String, String> channels = new LinkedHashMap<>();
    for (GuildChannel c : m.getMentions().getChannels()) {
      channels.put(c.getId(), c.getName());
    }
    if (m.isFromGuild()) {
      for (String text : texts) {
        java.util.regex.Matcher x = ROLE_OR_CHANNEL.matcher(text);
        while (x.find()) {
          if (x.group(1).equals("@&")) {
            Role r = m.getGuild().getRoleById(x.group(2));
            if (r != null) {
              roles.putIfAbsent(r.getId(), r.getName());
            }
          } else {
            GuildChannel c = m.getGuild().getGuildChannelById(x.group(2));
            if (c != null) {
              channels.putIfAbsent(c.getId(), c.getName());
            }
          }
        }
      }
    }
    return new MentionNames(users, roles, channels);
  }

  private static SystemKind system(MessageType type) {
    return switch (type) {
      case DEFAULT, INLINE_REPLY, SLASH_COMMAND, CONTEXT_COMMAND, THREAD_STARTER_MESSAGE -> SystemKind.NONE;
      case CHANNEL_PINNED_ADD -> SystemKind.PINNED;
      case RECIPIENT_ADD -> SystemKind.MEMBER_ADDED;
      case RECIPIENT_REMOVE -> SystemKind.MEMBER_REMOVED;
      case CHANNEL_NAME_CHANGE -> SystemKind.NAME_CHANGED;
      case THREAD_CREATED -> SystemKind.THREAD_CREATED;
      default -> type.isSystem() ? SystemKind.OTHER : SystemKind.NONE;
    };
  }
}
