package dev.tiramisu.discordemu.openapi;

import static dev.tiramisu.discordemu.openapi.TestSpec.query;
import static dev.tiramisu.discordemu.openapi.TestSpec.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A fresh spec can be used from several threads at once, compiling its schemas on the fly, with the
 * same results as one thread. (Speed is not asserted in tests; see docs/emulator.md for figures.)
 */
class ConcurrencyTest {

  private static final String JSON = "application/json";
  private static final byte[] MESSAGE = utf8("""
      {"content": "Ticket opened", "tts": false, "flags": 64,
       "embeds": [{"title": "Ticket #12", "description": "Say what you need", "color": 13148794,
                   "fields": [{"name": "Status", "value": "open", "inline": true}],
                   "footer": {"text": "Tiramisu Tickets"}}],
       "components": [{"type": 1, "components": [
           {"type": 2, "style": 4, "custom_id": "ticket:close", "label": "Close"},
           {"type": 2, "style": 5, "url": "https://example.org/faq", "label": "FAQ"}]}],
       "allowed_mentions": {"parse": [], "users": ["202"], "replied_user": false}}""");

  @Test
  void aFreshSpecServesManyThreadsWithTheSameResultsAsOne() throws Exception {
    // Read past the per-JVM cache: a separate spec whose schemas are not yet compiled.
    OpenApiSpec fresh = OpenApiSpec.read(TestSpec.file());
    assertThat(fresh).isNotSameAs(TestSpec.spec());

    OpenApiValidator shared = TestSpec.validator();
    OpenApiValidator concurrent = new OpenApiValidator(fresh);
    List<Callable<List<Violation>>> calls = List.of(
        () -> concurrent.validateRequest("POST", "/channels/1/messages", Map.of(), JSON, MESSAGE),
        () -> concurrent.validateRequest("POST", "/channels/1/messages", Map.of(), JSON,
            utf8("{\"content\": 1, \"components\": [{\"type\": 1, \"components\": []}]}")),
        () -> concurrent.validateRequest("GET", "/channels/1/messages", query("limit", "500"),
            null, null),
        () -> concurrent.validateRequest("POST", "/channels/1/threads", Map.of(), JSON,
            utf8("{\"name\": \"t\", \"type\": 12, \"invitable\": false}")),
        () -> concurrent.validateResponse("GET", "/users/@me", 200, JSON, utf8("{\"id\": \"1\"}")),
        () -> concurrent.validateResponse("POST", "/channels/1/messages", 429, JSON,
            utf8("{\"message\": \"slow down\", \"retry_after\": 1, \"global\": false}")),
        () -> concurrent.validateRequest("PUT", "/applications/1/commands", Map.of(), JSON,
            utf8("[{\"name\": \"t\", \"description\": \"d\", \"contexts\": [\"0\"]}]")));
    List<Callable<List<Violation>>> sameOnShared = List.of(
        () -> shared.validateRequest("POST", "/channels/1/messages", Map.of(), JSON, MESSAGE),
        () -> shared.validateRequest("POST", "/channels/1/messages", Map.of(), JSON,
            utf8("{\"content\": 1, \"components\": [{\"type\": 1, \"components\": []}]}")),
        () -> shared.validateRequest("GET", "/channels/1/messages", query("limit", "500"),
            null, null),
        () -> shared.validateRequest("POST", "/channels/1/threads", Map.of(), JSON,
            utf8("{\"name\": \"t\", \"type\": 12, \"invitable\": false}")),
        () -> shared.validateResponse("GET", "/users/@me", 200, JSON, utf8("{\"id\": \"1\"}")),
        () -> shared.validateResponse("POST", "/channels/1/messages", 429, JSON,
            utf8("{\"message\": \"slow down\", \"retry_after\": 1, \"global\": false}")),
        () -> shared.validateRequest("PUT", "/applications/1/commands", Map.of(), JSON,
            utf8("[{\"name\": \"t\", \"description\": \"d\", \"contexts\": [\"0\"]}]")));

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<List<Violation>>> work = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        work.addAll(calls);
      }
      List<Future<List<Violation>>> futures = pool.invokeAll(work, 60, TimeUnit.SECONDS);
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get())
            .as("call %d", i % calls.size())
            .isEqualTo(sameOnShared.get(i % calls.size()).call());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
