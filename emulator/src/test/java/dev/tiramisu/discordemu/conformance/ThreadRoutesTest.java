package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Threads: private ticket threads, thread members, rename, archive and lock, the active-thread limit. */
class ThreadRoutesTest extends ConformanceTest {
  private TestGuild g;
  private JDA jda;
  private TextChannel tickets;

  @BeforeEach
  void setUp() {
    g = emu.guild("Threads").textChannel("tickets").owner("owner").member("alice").member("bob").build();
    jda = jda();
    tickets = jda.getTextChannelById(g.channel("tickets"));
  }

  private ThreadView view(long id) {
    return g.threads().stream().filter(t -> t.id() == id).findFirst().orElseThrow();
  }

  @Test
  void privateThreadIsCreatedNotInvitableAndMembersAreAddedAndRemoved() {
    int mark = emu.requests().mark();
    ThreadChannel t = tickets.createThreadChannel("ticket-0001", true).setInvitable(false).complete();
    assertThat(t.getType()).isEqualTo(ChannelType.GUILD_PRIVATE_THREAD);
    assertThat(t.isInvitable()).isFalse();
    assertThat(t.getOwnerIdLong()).isEqualTo(emu.botUserId());
    List<RequestLog.Entry> creates = since(mark, "POST /channels/{channel_id}/threads");
    assertThat(creates).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(201);
      assertThat(e.body().path("type").asInt()).isEqualTo(12);
      assertThat(e.body().path("invitable").asBoolean(true)).isFalse();
      assertThat(e.body().path("name").asText()).isEqualTo("ticket-0001");
    });
    ThreadView v = view(t.getIdLong());
    assertThat(v.isPrivate()).isTrue();
    assertThat(v.invitable()).isFalse();
    assertThat(v.memberIds()).containsExactly(emu.botUserId());

    // a member who is not in the private thread cannot see it; the owner (admin) can
    assertThat(g.as("alice").canSee(t.getIdLong())).isFalse();
    assertThat(g.as("owner").canSee(t.getIdLong())).isTrue();

    t.addThreadMemberById(g.user("alice")).complete();
    assertThat(view(t.getIdLong()).memberIds()).contains(g.user("alice"));
    assertThat(g.as("alice").canSee(t.getIdLong())).isTrue();
    assertThat(g.as("bob").canSee(t.getIdLong())).isFalse();
    assertThat(t.retrieveThreadMembers().complete()).extracting(m -> m.getIdLong())
        .containsExactlyInAnyOrder(emu.botUserId(), g.user("alice"));

    t.removeThreadMemberById(g.user("alice")).complete();
    assertThat(view(t.getIdLong()).memberIds()).doesNotContain(g.user("alice"));
    assertThat(g.as("alice").canSee(t.getIdLong())).isFalse();

    assertThat(since(mark, "PUT /channels/{channel_id}/thread-members/{user_id}"))
        .singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(204));
    assertThat(since(mark, "DELETE /channels/{channel_id}/thread-members/{user_id}"))
        .singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(204));
  }

  @Test
  void addingSomeoneWhoIsNotAGuildMemberIsUnknownMember() {
    ThreadChannel t = tickets.createThreadChannel("ticket", true).complete();
    long stranger = emu.guild("Elsewhere").member("stranger").build().user("stranger");
    assertThatThrownBy(() -> t.addThreadMemberById(stranger).complete())
        .isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MEMBER));
  }

  @Test
  void renameArchiveAndLockThenEditsAreRefusedWith50083() {
    ThreadChannel t = tickets.createThreadChannel("ticket-0002", true).complete();
    Message inThread = t.sendMessage("Welcome").complete();
    int mark = emu.requests().mark();

    t.getManager().setName("closed-0002").complete();
    assertThat(view(t.getIdLong()).name()).isEqualTo("closed-0002");
    emu.await("JDA sees the rename",
        () -> "closed-0002".equals(jda.getThreadChannelById(t.getIdLong()).getName()));

    t.getManager().setArchived(true).setLocked(true).complete();
    ThreadView archived = view(t.getIdLong());
    assertThat(archived.archived()).isTrue();
    assertThat(archived.locked()).isTrue();
    List<RequestLog.Entry> patches = since(mark, "PATCH /channels/{channel_id}");
    assertThat(patches).hasSize(2);
    assertThat(patches.get(0).body().path("name").asText()).isEqualTo("closed-0002");
    assertThat(patches.get(1).body().path("archived").asBoolean()).isTrue();
    assertThat(patches.get(1).body().path("locked").asBoolean()).isTrue();

    assertThatThrownBy(() -> t.getManager().setName("reopened").complete())
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
          assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.ILLEGAL_OPERATION_ARCHIVED_THREAD);
          assertThat(e.getErrorCode()).isEqualTo(50083);
        });
    assertThatThrownBy(() -> inThread.editMessage("changed").complete())
        .isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.ILLEGAL_OPERATION_ARCHIVED_THREAD));
    assertThat(view(t.getIdLong()).name()).isEqualTo("closed-0002");
    assertThat(g.message(inThread.getIdLong()).orElseThrow().content()).isEqualTo("Welcome");

    // unarchiving (with MANAGE_THREADS) is allowed, after which edits work again
    t.getManager().setArchived(false).setLocked(false).complete();
    inThread.editMessage("changed").complete();
    assertThat(g.message(inThread.getIdLong()).orElseThrow().content()).isEqualTo("changed");
  }

  @Test
  void activeThreadLimitSurfacesAsMaxActiveThreads() {
    emu.state().maxActiveThreadsPerGuild = 2;
    ThreadChannel first = tickets.createThreadChannel("t1", true).complete();
    tickets.createThreadChannel("t2", true).complete();
    int mark = emu.requests().mark();
    assertThatThrownBy(() -> tickets.createThreadChannel("t3", true).complete())
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
          assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MAX_ACTIVE_THREADS);
          assertThat(e.getErrorCode()).isEqualTo(160006);
        });
    assertThat(since(mark, "POST /channels/{channel_id}/threads"))
        .singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(400));
    assertThat(g.threads()).hasSize(2);

    first.getManager().setArchived(true).complete();
    tickets.createThreadChannel("t3", true).complete();
    assertThat(g.threads()).extracting(ThreadView::name).containsExactly("t1", "t2", "t3");
  }

  @Test
  void retrieveActiveThreadsListsUnarchivedThreads() {
    ThreadChannel a = tickets.createThreadChannel("a", true).complete();
    ThreadChannel b = tickets.createThreadChannel("b", false).complete();
    ThreadChannel c = tickets.createThreadChannel("c", true).complete();
    c.getManager().setArchived(true).complete();
    int mark = emu.requests().mark();
    List<ThreadChannel> active = jda.getGuildById(g.id).retrieveActiveThreads().complete();
    assertThat(active).extracting(ThreadChannel::getIdLong).containsExactlyInAnyOrder(a.getIdLong(), b.getIdLong());
    assertThat(active).filteredOn(t -> t.getIdLong() == b.getIdLong())
        .singleElement().satisfies(t -> assertThat(t.getType()).isEqualTo(ChannelType.GUILD_PUBLIC_THREAD));
    assertThat(since(mark, "GET /guilds/{guild_id}/threads/active")).hasSize(1);

    List<ThreadChannel> archived = tickets.retrieveArchivedPrivateThreadChannels().complete();
    assertThat(archived).extracting(ThreadChannel::getIdLong).containsExactly(c.getIdLong());
  }

  @Test
  void userMentionedInAPrivateThreadIsAddedToIt() {
    ThreadChannel t = tickets.createThreadChannel("ticket", true).setInvitable(false).complete();
    t.sendMessage("Hello <@" + g.user("alice") + ">").complete();
    assertThat(view(t.getIdLong()).memberIds()).contains(g.user("alice"));
    assertThat(g.as("alice").canSee(t.getIdLong())).isTrue();
    assertThat(g.as("bob").canSee(t.getIdLong())).isFalse();
  }

  @Test
  void aMentionThatDoesNotPingAddsNobody() {
    ThreadChannel t = tickets.createThreadChannel("ticket", true).setInvitable(false).complete();
    t.sendMessage("Hello <@" + g.user("alice") + ">").setAllowedMentions(List.of()).complete();
    assertThat(view(t.getIdLong()).memberIds()).doesNotContain(g.user("alice"));
    assertThat(g.as("alice").canSee(t.getIdLong())).isFalse();
  }

  @Test
  void inANonInvitablePrivateThreadAMemberWhoIsNotAModeratorCannotAddByMention() {
    ThreadChannel t = tickets.createThreadChannel("ticket", true).setInvitable(false).complete();
    t.addThreadMemberById(g.user("alice")).complete();
    g.as("alice").post(t.getIdLong(), "Hello <@" + g.user("bob") + ">");
    assertThat(view(t.getIdLong()).memberIds()).doesNotContain(g.user("bob"));
    assertThat(g.as("bob").canSee(t.getIdLong())).isFalse();
    // invitable: any member of the thread may bring others in by mentioning them
    ThreadChannel open = tickets.createThreadChannel("open", true).setInvitable(true).complete();
    open.addThreadMemberById(g.user("alice")).complete();
    g.as("alice").post(open.getIdLong(), "Hello <@" + g.user("bob") + ">");
    assertThat(view(open.getIdLong()).memberIds()).contains(g.user("bob"));
  }
}
