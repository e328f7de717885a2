package dev.tiramisu.discordemu;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP requests to the emulator, for what JDA would check or queue on its own side. */
final class RawHttp {
  private final Emulator emu;
  private final HttpClient client = HttpClient.newHttpClient();

  RawHttp(Emulator emu) {
    this.emu = emu;
  }

  HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.restUrl() + path.replaceFirst("^/", "")))
        .header("Authorization", "Bot " + emu.botToken())
        .header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
