package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Overwrite;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.Test;

/**
 * Permissions on both sides: JDA's local checks (InsufficientPermissionException, no request sent) and the
 * emulator's (403 50013 / 50001) when JDA's cache believes the bot may act; private thread visibility.
 */
class PermissionsTest extends ConformanceTest {
  private static final String SEND = "POST /channels/{channel_id}/messages";
  private static final long READ_ONLY = Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY;

  // @everyone's permissions apply to the bot as well, so tests of missing bot permissions restrict both.

  /** Changes the bot role's permissions in the emulator without telling JDA (no GUILD_ROLE_UPDATE). */
  private void silentlySetBotPermissions(TestGuild g, long permissions) {
    EmulatorState s = emu.state();
    synchronized (s) {
      s.guild(g.id).roles.get(g.botRoleId).permissions = permissions;
    }
  }

  @Test
  void jdaRefusesLocallyWhenTheBotRoleLacksSendMessages() {
    TestGuild g = emu.guild("Perms").textChannel("general").member("alice")
        .everyonePermissions(READ_ONLY).botPermissions(READ_ONLY).build();
    JDA jda = jda();
    TextChannel general = jda.getTextChannelById(g.channel("general"));
    int mark = emu.requests().mark();
    assertThatThrownBy(() -> general.sendMessage("hi").complete())
        .isInstanceOfSatisfying(InsufficientPermissionException.class,
            e -> assertThat(e.getPermission()).isEqualTo(Permission.MESSAGE_SEND));
    assertThat(since(mark, SEND)).isEmpty();
    assertThat(g.messages("general")).isEmpty();
  }

  @Test
  void jdaRefusesLocallyWhenAChannelOverwriteDeniesTheBot() {
    TestGuild g = emu.guild("Perms").textChannel("general").textChannel("announcements").member("alice")
        .botPermissions(Permissions.TICKET_BOT)
        .overwrite("announcements", "@bot", 0, Permissions.SEND_MESSAGES).build();
    JDA jda = jda();
    assertThatThrownBy(() -> jda.getTextChannelById(g.channel("announcements")).sendMessage("hi").complete())
        .isInstanceOf(InsufficientPermissionException.class);
    jda.getTextChannelById(g.channel("general")).sendMessage("fine here").complete();
    assertThat(g.messages("general")).hasSize(1);
    assertThat(g.messages("announcements")).isEmpty();
    assertThat(emu.requests().route(SEND)).hasSize(1);
  }

  @Test
  void emulatorAnswers50013WhenJdasCacheThinksTheBotMaySend() {
    TestGuild g = emu.guild("Perms").textChannel("general").member("alice")
        .everyonePermissions(READ_ONLY).botPermissions(Permissions.TICKET_BOT).build();
    JDA jda = jda();
    TextChannel general = jda.getTextChannelById(g.channel("general"));
    Message pinnable = general.sendMessage("pin me").complete();
    silentlySetBotPermissions(g, READ_ONLY);
    assertThat(general.canTalk()).as("JDA's cache still allows sending").isTrue();

    int mark = emu.requests().mark();
    assertThatThrownBy(() -> general.sendMessage("hi").complete())
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
          assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_PERMISSIONS);
          assertThat(e.getErrorCode()).isEqualTo(50013);
        });
    assertThatThrownBy(() -> pinnable.pin().complete())
        .isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_PERMISSIONS));
    assertThatThrownBy(() -> general.createThreadChannel("ticket", true).complete())
        .isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_PERMISSIONS));
    assertThat(since(mark, SEND)).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(403));
    assertThat(g.messages("general")).hasSize(1);
    assertThat(g.threads()).isEmpty();
  }

  @Test
  void emulatorAnswers50001WhenTheBotCannotSeeTheChannel() {
    TestGuild g = emu.guild("Perms").textChannel("secret").member("alice")
        .botPermissions(Permissions.TICKET_BOT).build();
    JDA jda = jda();
    TextChannel secret = jda.getTextChannelById(g.channel("secret"));
    EmulatorState s = emu.state();
    synchronized (s) {
      s.channel(g.channel("secret")).overwrites.add(
          new Overwrite(emu.botUserId(), Overwrite.MEMBER, 0, Permissions.VIEW_CHANNEL));
    }
    assertThatThrownBy(() -> secret.sendMessage("hi").complete())
        .isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_ACCESS));
  }

  @Test
  void aRoleUpdateEventMakesJdaRefuseLocally() {
    TestGuild g = emu.guild("Perms").textChannel("general").member("alice")
        .everyonePermissions(READ_ONLY).botPermissions(Permissions.TICKET_BOT).build();
    JDA jda = jda();
    TextChannel general = jda.getTextChannelById(g.channel("general"));
    general.sendMessage("allowed").complete();
    g.setBotPermissions(READ_ONLY);
    emu.await("JDA sees the GUILD_ROLE_UPDATE", () -> !general.canTalk());
    int mark = emu.requests().mark();
    assertThatThrownBy(() -> general.sendMessage("not any more").complete())
        .isInstanceOf(InsufficientPermissionException.class);
    assertThat(since(mark, SEND)).isEmpty();
  }

  @Test
  void privateThreadsAreVisibleToMembersAndThreadManagersOnly() {
    TestGuild g = emu.guild("Perms").role("Staff", Permissions.MANAGE_THREADS).textChannel("tickets")
        .owner("owner").member("alice").member("bob").member("mod", "Staff")
        .botPermissions(Permissions.TICKET_BOT).build();
    JDA jda = jda();
    ThreadChannel t = jda.getTextChannelById(g.channel("tickets")).createThreadChannel("ticket-alice", true)
        .setInvitable(false).complete();
    t.addThreadMemberById(g.user("alice")).complete();

    assertThat(g.as("alice").canSee(t.getIdLong())).isTrue();
    assertThat(g.as("bob").canSee(t.getIdLong())).isFalse();
    assertThat(g.as("mod").canSee(t.getIdLong())).isTrue();
    assertThat(g.as("owner").canSee(t.getIdLong())).isTrue();
    assertThat(g.as("bob").canSee(g.channel("tickets"))).isTrue();

    assertThatThrownBy(() -> g.as("bob").post(t.getIdLong(), "let me in"))
        .isInstanceOf(Actor.NotAllowedInClient.class);
    g.as("alice").post(t.getIdLong(), "my problem");
    assertThat(g.messages(t.getIdLong())).extracting(m -> m.content()).containsExactly("my problem");
  }
}
