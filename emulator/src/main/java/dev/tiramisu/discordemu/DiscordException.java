package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error the emulator answers with, in Discord's shape: {@code {"code": N, "message": "...", "errors"?: {...}}}. */
public final class DiscordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public final int status;
  public final int code;
  public final transient ObjectNode errors;

  public DiscordException(int status, int code, String message) {
    this(status, code, message, null);
  }

  public DiscordException(int status, int code, String message, ObjectNode errors) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  public ObjectNode body() {
    ObjectNode body = Json.object();
    body.put("code", code);
    body.put("message", getMessage());
    if (errors != null) {
      body.set("errors", errors);
    }
    return body;
  }

  public static DiscordException unknownChannel() {
    return new DiscordException(404, 10003, "Unknown Channel");
  }

  public static DiscordException unknownGuild() {
    return new DiscordException(404, 10004, "Unknown Guild");
  }

  public static DiscordException unknownMember() {
    return new DiscordException(404, 10007, "Unknown Member");
  }

  public static DiscordException unknownMessage() {
    return new DiscordException(404, 10008, "Unknown Message");
  }

  public static DiscordException unknownRole() {
    return new DiscordException(404, 10011, "Unknown Role");
  }

  public static DiscordException unknownUser() {
    return new DiscordException(404, 10013, "Unknown User");
  }

  public static DiscordException unknownInteraction() {
    return new DiscordException(404, 10062, "Unknown interaction");
  }

  public static DiscordException unknownWebhook() {
    return new DiscordException(404, 10015, "Unknown Webhook");
  }

  public static DiscordException missingAccess() {
    return new DiscordException(403, 50001, "Missing Access");
  }

  public static DiscordException missingPermissions() {
    return new DiscordException(403, 50013, "Missing Permissions");
  }

  public static DiscordException cannotDm() {
    return new DiscordException(403, 50007, "Cannot send messages to this user");
  }

  public static DiscordException alreadyAcknowledged() {
    return new DiscordException(400, 40060, "Interaction has already been acknowledged.");
  }

  public static DiscordException threadArchived() {
    return new DiscordException(400, 50083, "Thread is archived");
  }

  /** 50035 Invalid Form Body with one field error, e.g. field "content", code "BASE_TYPE_MAX_LENGTH". */
  public static DiscordException invalidForm(String field, String errorCode, String message) {
    ObjectNode errors = Json.object();
    ObjectNode cursor = errors;
    for (String part : field.split("\\.")) {
      cursor = cursor.putObject(part);
    }
    ObjectNode err = cursor.putArray("_errors").addObject();
    err.put("code", errorCode);
    err.put("message", message);
    return new DiscordException(400, 50035, "Invalid Form Body", errors);
  }
}
