package dev.tiramisu.discordemu.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A registered application command: the JSON the application sent, plus id, application id and guild. */
public final class Command {
  public final long id;
  public final long applicationId;
  public final Long guildId;
  public ObjectNode json;
  public long version;

  public Command(long id, long applicationId, Long guildId, ObjectNode json, long version) {
    this.id = id;
    this.applicationId = applicationId;
    this.guildId = guildId;
    this.json = json;
    this.version = version;
  }

  public String name() {
    return json.path("name").asText();
  }

  public int type() {
    return json.path("type").asInt(1);
  }
}
