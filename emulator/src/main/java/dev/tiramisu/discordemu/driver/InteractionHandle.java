package dev.tiramisu.discordemu.driver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An interaction a test started, and what the bot answered. All waits are event-driven, never sleeps. */
public final class InteractionHandle {
  private static final int FLAG_LOADING = 1 << 7;
  private final Emulator emu;
  public final long id;
  private final long userId;

  InteractionHandle(Emulator emu, long id, long userId) {
    this.emu = emu;
    this.id = id;
    this.userId = userId;
  }

  private Interaction raw() {
    return emu.state().interactions.get(id);
  }

  /** The user who started the interaction (for a modal answered from it). */
  public long userId() {
    return userId;
  }

  /**
   * Waits for the first response. Fails, as Discord would show "This interaction failed", as soon as the response
   * deadline ({@code interactionResponseDeadlineMillis}, 3 s by default) passes without a response, or when the
   * response came too late.
   */
  public InteractionHandle awaitAck() {
    EmulatorState s = emu.state();
    long deadline;
    long createdAt;
    synchronized (s) {
      deadline = s.interactionResponseDeadlineMillis;
      createdAt = raw().createdAtMillis;
    }
    emu.await("a response to interaction " + id, Duration.ofMillis(deadline + 5000),
        () -> raw().acknowledged() || raw().timedOut || System.currentTimeMillis() - createdAt > deadline);
    synchronized (s) {
      Interaction i = raw();
      if (i.timedOut || !i.acknowledged()) {
        throw new AssertionError("interaction " + id + " failed: no response within " + deadline + " ms");
      }
      long took = i.firstResponseMillis - i.createdAtMillis;
      if (took > deadline) {
        throw new AssertionError("interaction " + id + " failed: first response after " + took + " ms");
      }
    }
    return this;
  }

  /** The callback type of the first response: 4 message, 5 deferred, 6 deferred update, 7 update, 9 modal. */
  public int responseType() {
    awaitAck();
    synchronized (emu.state()) {
      return raw().callbackType;
    }
  }

  /** Milliseconds from the interaction's creation to its first response. */
  public long responseMillis() {
    awaitAck();
    synchronized (emu.state()) {
      return raw().firstResponseMillis - raw().createdAtMillis;
    }
  }

  /**
   * Waits for the reply a user sees: the original response once it is no longer "thinking", or after a deferred
   * update the first follow-up, or after an update the updated message; past a reply the test declared interim
   * ({@link Emulator#treatAsInterim}), until the bot replaces it.
   */
  public MessageView awaitReply() {
    awaitAck();
    EmulatorState s = emu.state();
    emu.await("a visible reply to interaction " + id, () -> firstVisible() != null);
    synchronized (s) {
      return MessageView.of(firstVisible());
    }
  }

  private Message firstVisible() {
    Interaction i = raw();
    EmulatorState s = emu.state();
    if (i.callbackType == 9) {
      throw new AssertionError("interaction " + id + " was answered with a modal, not a message");
    }
    if (i.originalMessageId != null && i.callbackType != 6) {
      Message m = s.messages.get(i.originalMessageId);
      if (m != null && (m.flags & FLAG_LOADING) == 0) {
        return unlessInterim(m);
      }
    }
    for (long f : i.followupIds) {
      Message m = s.messages.get(f);
      if (m != null) {
        return unlessInterim(m);
      }
    }
    return null;
  }

  /** {@code m}, or null while it is an answer the bot replaces later. */
  private Message unlessInterim(Message m) {
    return emu.isInterimReply(m.content) ? null : m;
  }

  /** Waits until the bot answered with a modal and returns it ({custom_id, title, components}). */
  public ObjectNode awaitModal() {
    awaitAck();
    synchronized (emu.state()) {
      Interaction i = raw();
      if (i.modal == null) {
        throw new AssertionError("interaction " + id + " was answered with type " + i.callbackType + ", not a modal");
      }
      return i.modal.deepCopy();
    }
  }

  /**
   * Waits until the bot answered an autocomplete interaction ({@link Actor#autocomplete}) and returns the choices'
   * names, in order, as the client lists them.
   */
  public List<String> awaitChoices() {
    awaitAck();
    synchronized (emu.state()) {
      Interaction i = raw();
      if (i.choices == null) {
        throw new AssertionError("interaction " + id + " was answered with type " + i.callbackType
            + ", not with autocomplete choices");
      }
      List<String> out = new ArrayList<>();
      i.choices.forEach(c -> out.add(c.path("name").asText()));
      return out;
    }
  }

  /** Waits until at least {@code n} follow-ups exist and returns them all. */
  public List<MessageView> awaitFollowups(int n) {
    emu.await(n + " follow-ups to interaction " + id, () -> raw().followupIds.size() >= n);
    synchronized (emu.state()) {
      List<MessageView> out = new ArrayList<>();
      for (long f : raw().followupIds) {
        Message m = emu.state().messages.get(f);
        if (m != null) {
          out.add(MessageView.of(m));
        }
      }
      return out;
    }
  }

  /** The original response as it is now (after edits), if any. */
  public MessageView original() {
    awaitAck();
    synchronized (emu.state()) {
      Long mid = raw().originalMessageId;
      Message m = mid == null ? null : emu.state().messages.get(mid);
      if (m == null) {
        throw new AssertionError("interaction " + id + " has no original response message");
      }
      return MessageView.of(m);
    }
  }
}
