package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.EnumSet;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** allowed_mentions: who is really notified, after the message's allowed_mentions and the author's permissions. */
class AllowedMentionsTest extends ConformanceTest {
  private TestGuild g;
  private TextChannel general;
  private String content;

  @BeforeEach
  void setUp() {
    g = emu.guild("Mentions").role("Staff", 0).textChannel("general").owner("owner").member("alice")
        .member("mod", "Staff").botPermissions(Permissions.TICKET_BOT | Permissions.MENTION_EVERYONE).build();
    JDA jda = jda();
    general = jda.getTextChannelById(g.channel("general"));
    content = "@everyone <@&" + g.role("Staff") + "> <@" + g.user("alice") + "> new ticket";
  }

  private MessageView send(EnumSet<MentionType> allowed) {
    Message m = general.sendMessage(content).setAllowedMentions(allowed).complete();
    return g.message(m.getIdLong()).orElseThrow();
  }

  @Test
  void noneAllowedPingsNobodyButStillRendersTheMentions() {
    MessageView m = send(EnumSet.noneOf(MentionType.class));
    assertThat(m.pingedUsers()).isEmpty();
    assertThat(m.pingedRoles()).isEmpty();
    assertThat(m.pingedEveryone()).isFalse();
    assertThat(m.mentionedUsers()).containsExactly(g.user("alice"));
    assertThat(emu.requests().route("POST /channels/{channel_id}/messages").get(0).body()
        .path("allowed_mentions").path("parse")).isEmpty();
  }

  @Test
  void usersAllowedPingsOnlyTheUser() {
    MessageView m = send(EnumSet.of(MentionType.USER));
    assertThat(m.pingedUsers()).containsExactly(g.user("alice"));
    assertThat(m.pingedRoles()).isEmpty();
    assertThat(m.pingedEveryone()).isFalse();
  }

  @Test
  void rolesAndEveryoneAllowedPingThemWhenTheBotMayMentionEveryone() {
    MessageView m = send(EnumSet.of(MentionType.ROLE, MentionType.EVERYONE));
    assertThat(m.pingedUsers()).isEmpty();
    assertThat(m.pingedRoles()).containsExactly(g.role("Staff"));
    assertThat(m.pingedEveryone()).isTrue();
  }

  @Test
  void withoutMentionEveryoneANonMentionableRoleAndEveryoneAreNotPinged() {
    g.setBotPermissions(Permissions.TICKET_BOT);
    emu.await("JDA sees the role update", () -> !general.getGuild().getSelfMember()
        .hasPermission(net.dv8tion.jda.api.Permission.MESSAGE_MENTION_EVERYONE));
    MessageView m = send(EnumSet.allOf(MentionType.class));
    assertThat(m.pingedUsers()).containsExactly(g.user("alice"));
    assertThat(m.pingedRoles()).isEmpty();
    assertThat(m.pingedEveryone()).isFalse();

    g.setRoleMentionable("Staff", true);
    MessageView again = send(EnumSet.allOf(MentionType.class));
    assertThat(again.pingedRoles()).containsExactly(g.role("Staff"));
    assertThat(again.pingedEveryone()).isFalse();
  }

  @Test
  void explicitUserListPingsOnlyListedUsers() {
    Message sent = general.sendMessage("<@" + g.user("alice") + "> <@" + g.user("mod") + ">")
        .setAllowedMentions(EnumSet.noneOf(MentionType.class))
        .mentionUsers(g.user("mod")).complete();
    MessageView m = g.message(sent.getIdLong()).orElseThrow();
    assertThat(m.mentionedUsers()).containsExactlyInAnyOrder(g.user("alice"), g.user("mod"));
    assertThat(m.pingedUsers()).containsExactly(g.user("mod"));
  }
}
