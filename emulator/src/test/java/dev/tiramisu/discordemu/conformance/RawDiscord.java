package dev.tiramisu.discordemu.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP requests to the emulator's REST API with {@code Authorization: Bot <token>}, for checks where JDA
 * validates locally and would never send the request.
 */
public final class RawDiscord {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  public RawDiscord(String base, String token) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
  }

  /** A response: status, parsed JSON body (null for an empty body) and headers. */
  public record Reply(int status, JsonNode body, java.net.http.HttpHeaders headers) {
    public int code() {
      return body == null ? -1 : body.path("code").asInt(-1);
    }
  }

  public Reply send(String method, String path, Object body) {
    return send(method, path, body, "Bot " + token);
  }

  public Reply send(String method, String path, Object body, String authorization) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      if (body == null) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.header("Content-Type", "application/json");
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        b.method(method, HttpRequest.BodyPublishers.ofString(text));
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body());
      return new Reply(r.statusCode(), json, r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
