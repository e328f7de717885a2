package dev.tiramisu.discordemu.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** An interaction a user started, and what the application answered. Guarded by the state's lock. */
public final class Interaction {
  public static final int APPLICATION_COMMAND = 2;
  public static final int MESSAGE_COMPONENT = 3;
  public static final int APPLICATION_COMMAND_AUTOCOMPLETE = 4;
  public static final int MODAL_SUBMIT = 5;

  public final long id;
  public final String token;
  public final int type;
  public final Long guildId;
  public final long channelId;
  public final long userId;
  public final ObjectNode data;
  /** For a component interaction, the message the component is on. */
  public final Long messageId;
  public final long createdAtMillis;

  /** The first callback type (4 message, 5 deferred message, 6 deferred update, 7 update, 8 autocomplete choices, 9 modal), or 0. */
  public int callbackType;
  public long firstResponseMillis;
  /** True when the first response came later than Discord's 3 seconds; the interaction then failed. */
  public boolean timedOut;
  /** The message created or updated by the callback (the "original response"). */
  public Long originalMessageId;
  public boolean originalEphemeral;
  /** The choices an autocomplete interaction was answered with (callback type 8), if any. */
  public com.fasterxml.jackson.databind.node.ArrayNode choices;
  /** The modal sent in answer, if any. */
  public ObjectNode modal;
  /** For a modal submit, the interaction the modal answered (for triggering_interaction_metadata). */
  public Long triggeringInteractionId;
  public final List<Long> followupIds = new ArrayList<>();

  public Interaction(long id, String token, int type, Long guildId, long channelId, long userId, ObjectNode data,
      Long messageId, long createdAtMillis) {
    this.id = id;
    this.token = token;
    this.type = type;
    this.guildId = guildId;
    this.channelId = channelId;
    this.userId = userId;
    this.data = data;
    this.messageId = messageId;
    this.createdAtMillis = createdAtMillis;
  }

  public boolean acknowledged() {
    return callbackType != 0;
  }
}
