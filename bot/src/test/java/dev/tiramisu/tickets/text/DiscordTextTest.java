package dev.tiramisu.tickets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DiscordTextTest {

  @Test
  void plain_text_is_unchanged() {
    assertThat(DiscordText.escape("My printer is on fire, please help! 🔥 Ünïcödé 42."))
        .isEqualTo("My printer is on fire, please help! 🔥 Ünïcödé 42.");
    assertThat(DiscordText.escape(null)).isEmpty();
    assertThat(DiscordText.escape("")).isEmpty();
  }

  @Test
  void markdown_is_neutralised() {
    assertThat(DiscordText.escape("**bold** __under__ ~~strike~~ ||spoiler||"))
        .isEqualTo("\\*\\*bold\\*\\* \\_\\_under\\_\\_ \\~\\~strike\\~\\~ \\|\\|spoiler\\|\\|");
    assertThat(DiscordText.escape("```code```")).isEqualTo("\\`\\`\\`code\\`\\`\\`");
    assertThat(DiscordText.escape("[click](https://evil.example)"))
        .isEqualTo("\\[click\\]\\(https://evil.example\\)");
    assertThat(DiscordText.escape("a\\*b")).isEqualTo("a\\\\\\*b");
  }

  @Test
  void line_start_syntax_is_neutralised() {
    assertThat(DiscordText.escape("# Big\n> quote\n- item\n-# small\n 12. numbered\nx 1. y"))
        .isEqualTo("\\# Big\n\\> quote\n\\- item\n\\-\\# small\n 12\\. numbered\nx 1. y");
  }

  @Test
  void mass_mentions_are_broken() {
    assertThat(DiscordText.escape("hi @everyone and @HERE"))
        .isEqualTo("hi @\u200Beveryone and @\u200BHERE");
  }

  @Test
  void user_role_and_channel_mentions_emoji_and_timestamps_render_as_text() {
    assertThat(DiscordText.escape("<@&123> <@456> <#789> <:x:1> <t:0:R>"))
        .isEqualTo("\\<@&123\\> \\<@456\\> \\<\\#789\\> \\<:x:1\\> \\<t:0:R\\>");
  }

  @Test
  void truncate_keeps_short_text_and_cuts_long_text_with_an_ellipsis() {
    assertThat(DiscordText.truncate("hello", 5)).isEqualTo("hello");
    assertThat(DiscordText.truncate("hello!", 5)).isEqualTo("hell…");
    assertThatThrownBy(() -> DiscordText.truncate("x", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void truncate_never_splits_a_surrogate_pair() {
    String text = "ab🔥cd"; // the emoji is two UTF-16 units at index 2 and 3

    assertThat(DiscordText.truncate(text, 4)).isEqualTo("ab…");
    assertThat(DiscordText.truncate(text, 5)).isEqualTo("ab🔥…");
  }

  @Test
  void escape_keeping_mentions_shows_user_role_and_channel_mentions_and_escapes_the_rest() {
    assertThat(DiscordText.escapeKeepingMentions(
        "ask <@456> or <@!457> in <#789>, <@&123> **now** @everyone <:x:1> <@abc>"))
        .isEqualTo("ask <@456> or <@!457> in <#789>, <@&123> \\*\\*now\\*\\* @\u200Beveryone"
            + " \\<:x:1\\> \\<@abc\\>");
    assertThat(DiscordText.escapeKeepingMentions(null)).isEmpty();
  }
}
