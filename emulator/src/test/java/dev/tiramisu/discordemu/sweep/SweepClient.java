package dev.tiramisu.discordemu.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiramisu.discordemu.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain HTTP client (java.net.http, no Discord library) for the response sweep. Every call checks the status it
 * expects; a call that breaks the spec on purpose ({@link #invalid}) also checks that the validator flagged the
 * request, and keeps any response violation for the sweep's final check.
 */
final class SweepClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Emulator emu;
  private final String base;
  /** Violations taken from the emulator while checking deliberate bad requests. */
  final List<String> taken = new ArrayList<>();

  SweepClient(Emulator emu) {
    this.emu = emu;
    String url = emu.restUrl();
    this.base = url.substring(0, url.length() - 1);
  }

  /** A response: status and the parsed body (null when empty). */
  record Reply(int status, JsonNode body) {
    int code() {
      return body == null ? -1 : body.path("code").asInt(-1);
    }

    String id() {
      return body.path("id").asText();
    }
  }

  /** Sends a request with the bot's token and checks its status. {@code body}: a JSON string or null. */
  Reply call(int expected, String method, String pathAndQuery, String body) {
    Reply r = send(method, pathAndQuery, body, "Bot " + emu.botToken());
    assertThat(r.status()).as(method + " " + pathAndQuery + " → " + r.body()).isEqualTo(expected);
    return r;
  }

  Reply get(String pathAndQuery) {
    return call(200, "GET", pathAndQuery, null);
  }

  /** A request the spec refuses on purpose: Discord's 400 / 50035, and a request violation naming the field. */
  Reply invalid(String method, String pathAndQuery, String body, String field) {
    Reply r = call(400, method, pathAndQuery, body);
    assertThat(r.code()).isEqualTo(50035);
    assertThat(r.body().path("errors").has(field)).as("50035 names " + field + ": " + r.body()).isTrue();
    List<String> lines = emu.takeSpecViolations();
    List<String> requests = lines.stream().filter(l -> l.startsWith("request ")).toList();
    assertThat(requests).as("request violations of " + method + " " + pathAndQuery).isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains(field));
    lines.stream().filter(l -> !l.startsWith("request ")).forEach(taken::add);
    return r;
  }

  Reply send(String method, String pathAndQuery, String body, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return exchange(b.build());
  }

  /** A multipart request: {@code payload_json} and one file as {@code files[0]}. */
  Reply multipart(int expected, String method, String pathAndQuery, String payloadJson, String filename,
      byte[] file) {
    String boundary = "sweep" + System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
        + "Content-Type: application/json\r\n\r\n" + payloadJson + "\r\n");
    write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"" + filename
        + "\"\r\nContent-Type: text/plain\r\n\r\n");
    out.writeBytes(file);
    write(out, "\r\n--" + boundary + "--\r\n");
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bot " + emu.botToken())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
    Reply r = exchange(request);
    assertThat(r.status()).as(method + " " + pathAndQuery + " (multipart) → " + r.body()).isEqualTo(expected);
    return r;
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private Reply exchange(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body());
      return new Reply(r.statusCode(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
