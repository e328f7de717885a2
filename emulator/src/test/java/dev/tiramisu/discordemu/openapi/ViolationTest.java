package dev.tiramisu.discordemu.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ViolationTest {

  @Test
  void requestLineNamesRouteFieldAndReason() {
    Violation v = new Violation("request", "POST", "/channels/{channel_id}/messages", 0,
        "/content", "integer found, string expected");

    assertThat(v).hasToString(
        "request POST /channels/{channel_id}/messages: /content: integer found, string expected");
  }

  @Test
  void responseLineCarriesTheStatus() {
    Violation v = new Violation("response", "GET", "/users/@me", 200, "/id",
        "required property missing");

    assertThat(v).hasToString("response 200 GET /users/@me: /id: required property missing");
  }

  @Test
  void wholeExchangeViolationHasNoFieldPart() {
    Violation v = new Violation("request", "GET", "/nope", 0, "", "no such route in the spec");

    assertThat(v).hasToString("request GET /nope: no such route in the spec");
  }

  @Test
  void queryParameterFieldIsItsName() {
    Violation v = new Violation("request", "GET", "/channels/{channel_id}/messages", 0, "limit",
        "must have a maximum value of 100");

    assertThat(v).hasToString(
        "request GET /channels/{channel_id}/messages: limit: must have a maximum value of 100");
  }

  @Test
  void nullsAreRejected() {
    assertThatNullPointerException()
        .isThrownBy(() -> new Violation("request", "GET", "/x", 0, null, "r"));
  }
}
