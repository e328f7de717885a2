package dev.tiramisu.tickets.transcript;

/** English labels for tests (the bot takes them from its message bundle). */
public final class TestLabels {
  public static final TranscriptLabels ENGLISH = new TranscriptLabels(
      "en",
      "Transcript of ticket #{0}",
      "Server",
      "Thread",
      "Opened by",
      "Opened",
      "Closed",
      "Messages",
      "All times are UTC.",
      "Members' message text was not available: the bot does not have the Message Content intent.",
      "(message text not available)",
      "Replying to {0}",
      "Original message not available",
      "(edited)",
      "BOT",
      "Attachments",
      "{0} pinned a message.",
      "{0} added {1} to the thread.",
      "{0} removed {1} from the thread.",
      "{0} changed the thread name: {1}",
      "{0} started a thread: {1}",
      "System message from {0}",
      "{0} later messages are not included.");

  private TestLabels() {}
}
