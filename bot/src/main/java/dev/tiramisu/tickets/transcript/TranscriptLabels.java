package dev.tiramisu.tickets.transcript;

import java.util.Objects;

/**
 * The transcript's user-visible words, supplied by the caller from the message bundle (so they are
 * translated like every other text). Patterns take {@code {0}}, {@code {1}} in {@link
 * java.text.MessageFormat} syntax, as the bundle's entries do; the renderer escapes what it fills
 * in and the labels themselves.
 *
 * @param language the page's {@code lang} (a BCP 47 tag such as {@code en} or {@code de})
 * @param heading "Transcript of ticket #{0}" ({0}: the number)
 * @param server "Server"
 * @param thread "Thread"
 * @param openedBy "Opened by"
 * @param opened "Opened"
 * @param closed "Closed"
 * @param messageCount "Messages"
 * @param timesInUtc "All times are UTC."
 * @param contentUnavailable the notice when the Message Content intent is missing
 * @param textUnavailable a member's message whose text Discord withheld
 * @param replyingTo "Replying to {0}" ({0}: the author)
 * @param replyUnavailable a reply whose message is not in the transcript
 * @param edited "(edited)"
 * @param bot the tag beside a bot's name
 * @param attachments "Attachments"
 * @param pinned "{0} pinned a message."
 * @param memberAdded "{0} added {1} to the thread."
 * @param memberRemoved "{0} removed {1} from the thread."
 * @param nameChanged "{0} changed the thread name: {1}"
 * @param threadCreated "{0} started a thread: {1}"
 * @param otherSystem "System message from {0}"
 * @param truncated "{0} later messages are not included." ({0}: how many, or a lower bound)
 */
public record TranscriptLabels(
    String language,
    String heading,
    String server,
    String thread,
    String openedBy,
    String opened,
    String closed,
    String messageCount,
    String timesInUtc,
    String contentUnavailable,
    String textUnavailable,
    String replyingTo,
    String replyUnavailable,
    String edited,
    String bot,
    String attachments,
    String pinned,
    String memberAdded,
    String memberRemoved,
    String nameChanged,
    String threadCreated,
    String otherSystem,
    String truncated) {
  public TranscriptLabels {
    Objects.requireNonNull(language, "language");
    if (!language.matches("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")) {
      throw new IllegalArgumentException("not a language tag: " + language);
    }
    for (String s : new String[] {heading, server, thread, openedBy, opened, closed, messageCount, timesInUtc,
        contentUnavailable, textUnavailable, replyingTo, replyUnavailable, edited, bot, attachments, pinned,
        memberAdded, memberRemoved, nameChanged, threadCreated, otherSystem, truncated}) {
      Objects.requireNonNull(s, "every label is required");
    }
  }
}
