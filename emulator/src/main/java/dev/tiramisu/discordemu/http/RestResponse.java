package dev.tiramisu.discordemu.http;

import com.fasterxml.jackson.databind.JsonNode;

/** What a route answers: a status and a JSON body (null for 204). */
public record RestResponse(int status, JsonNode body) {
  public static RestResponse ok(JsonNode body) {
    return new RestResponse(200, body);
  }

  public static RestResponse created(JsonNode body) {
    return new RestResponse(201, body);
  }

  public static RestResponse noContent() {
    return new RestResponse(204, null);
  }
}
