package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.requests.RestActionImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Channel GET/PATCH/DELETE, permission overwrites, guild, member and role reads, member chunking, unknown ids.
 * Routes JDA has no public method for (GET /channels/{id}, GET /guilds/{id}/roles) go through JDA's own requester
 * ({@link RestActionImpl} with a {@link Route}), so they still travel JDA's HTTP stack.
 */
class GuildAndChannelRoutesTest extends ConformanceTest {
  private TestGuild g;
  private JDA jda;
  private Guild guild;

  @BeforeEach
  void setUp() {
    g = emu.guild("Guild").role("Staff", Permissions.MANAGE_THREADS).textChannel("general").textChannel("tickets")
        .owner("owner").member("alice").member("mod", "Staff").build();
    jda = jda();
    guild = jda.getGuildById(g.id);
  }

  @Test
  void readyDeliversTheGuildWithRolesChannelsAndSelfMember() {
    assertThat(guild.getName()).isEqualTo("Guild");
    assertThat(guild.getTextChannels()).extracting(TextChannel::getName).containsExactly("general", "tickets");
    assertThat(guild.getRoles()).extracting(r -> r.getName()).contains("Staff", "@everyone");
    assertThat(guild.getSelfMember().hasPermission(Permission.ADMINISTRATOR)).isTrue();
    assertThat(guild.getOwnerIdLong()).isEqualTo(g.user("owner"));
    assertThat(guild.getMemberCount()).isEqualTo(4);
  }

  @Test
  void voiceChannelsAndCategoriesReachJdaAndTheChannelRoute() {
    TestGuild v = emu.guild("Voice").channel("Talk", dev.tiramisu.discordemu.model.Channel.GUILD_CATEGORY, null)
        .channel("chat", dev.tiramisu.discordemu.model.Channel.GUILD_TEXT, "Talk")
        .channel("Lounge", dev.tiramisu.discordemu.model.Channel.GUILD_VOICE, "Talk")
        .owner("owner").build();
    JDA second = jda();
    Guild vg = second.getGuildById(v.id);

    assertThat(vg.getCategoryById(v.channel("Talk")).getChannels()).extracting(c -> c.getName())
        .containsExactly("chat", "Lounge");
    assertThat(vg.getVoiceChannelById(v.channel("Lounge")).getBitrate()).isEqualTo(64000);
    DataObject lounge = new RestActionImpl<DataObject>(second,
        Route.Channels.GET_CHANNEL.compile(Long.toString(v.channel("Lounge"))), (r, req) -> r.getObject()).complete();
    assertThat(lounge.getInt("type")).isEqualTo(2);
    assertThat(lounge.getString("parent_id")).isEqualTo(Long.toString(v.channel("Talk")));
  }

  @Test
  void getChannelAndRolesThroughJdasRequester() {
    int mark = emu.requests().mark();
    DataObject channel = new RestActionImpl<DataObject>(jda,
        Route.Channels.GET_CHANNEL.compile(Long.toString(g.channel("tickets"))), (r, req) -> r.getObject()).complete();
    assertThat(channel.getString("name")).isEqualTo("tickets");
    assertThat(channel.getInt("type")).isZero();
    assertThat(channel.getString("guild_id")).isEqualTo(Long.toString(g.id));

    DataArray roles = new RestActionImpl<DataArray>(jda, Route.Roles.GET_ROLES.compile(Long.toString(g.id)),
        (r, req) -> r.getArray()).complete();
    assertThat(roles.stream(DataArray::getObject).map(o -> o.getString("name")).toList())
        .contains("@everyone", "Staff");
    assertThat(routesSince(mark)).containsExactly("GET /channels/{channel_id}", "GET /guilds/{guild_id}/roles");
  }

  @Test
  void patchChannelRenamesAndSetsTopicAndJdaSeesTheUpdate() {
    TextChannel tickets = guild.getTextChannelById(g.channel("tickets"));
    int mark = emu.requests().mark();
    tickets.getManager().setName("open-tickets").setTopic("One thread per ticket").complete();
    assertThat(since(mark, "PATCH /channels/{channel_id}")).singleElement().satisfies(e -> {
      assertThat(e.body().path("name").asText()).isEqualTo("open-tickets");
      assertThat(e.body().path("topic").asText()).isEqualTo("One thread per ticket");
      assertThat(e.status()).isEqualTo(200);
    });
    // JDA applies the CHANNEL_UPDATE field by field on its event thread: wait for the last one it sets
    emu.await("JDA sees the CHANNEL_UPDATE", () -> {
      TextChannel cached = guild.getTextChannelById(g.channel("tickets"));
      return "open-tickets".equals(cached.getName()) && "One thread per ticket".equals(cached.getTopic());
    });
  }

  @Test
  void deleteChannelRemovesItForJdaAndUsers() {
    TextChannel tickets = guild.getTextChannelById(g.channel("tickets"));
    int mark = emu.requests().mark();
    tickets.delete().complete();
    assertThat(since(mark, "DELETE /channels/{channel_id}")).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(200));
    assertThat(g.as("alice").canSee(g.channel("tickets"))).isFalse();
    emu.await("JDA drops the channel", () -> guild.getTextChannelById(g.channel("tickets")) == null);
    RawDiscord.Reply again = raw().send("GET", "/channels/" + g.channel("tickets"), null);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.code()).isEqualTo(10003);
  }

  @Test
  void permissionOverwriteHidesAChannelFromEveryoneButStaff() {
    TextChannel tickets = guild.getTextChannelById(g.channel("tickets"));
    int mark = emu.requests().mark();
    tickets.upsertPermissionOverride(guild.getPublicRole()).deny(Permission.VIEW_CHANNEL).complete();
    tickets.upsertPermissionOverride(guild.getRoleById(g.role("Staff"))).grant(Permission.VIEW_CHANNEL).complete();
    assertThat(since(mark, "PUT /channels/{channel_id}/permissions/{overwrite_id}")).hasSize(2)
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(204));
    assertThat(g.as("alice").canSee(g.channel("tickets"))).isFalse();
    assertThat(g.as("mod").canSee(g.channel("tickets"))).isTrue();
    assertThat(g.as("owner").canSee(g.channel("tickets"))).isTrue();
    emu.await("JDA sees both overwrites",
        () -> guild.getTextChannelById(g.channel("tickets")).getPermissionOverrides().size() == 2);
  }

  @Test
  void retrieveMemberAndMetadataAndUnknownMemberOrUser() {
    int mark = emu.requests().mark();
    Member mod = guild.retrieveMemberById(g.user("mod")).complete();
    assertThat(mod.getUser().getName()).isEqualTo("mod");
    assertThat(mod.getRoles()).extracting(r -> r.getIdLong()).containsExactly(g.role("Staff"));
    assertThat(since(mark, "GET /guilds/{guild_id}/members/{user_id}")).hasSize(1);

    Guild.MetaData meta = guild.retrieveMetaData().complete();
    assertThat(meta.getApproximateMembers()).isEqualTo(4);
    assertThat(since(mark, "GET /guilds/{guild_id}")).singleElement()
        .satisfies(e -> assertThat(e.queryParam("with_counts")).isEqualTo("true"));

    long stranger = emu.guild("Elsewhere").member("stranger").build().user("stranger");
    assertThatThrownBy(() -> guild.retrieveMemberById(stranger).complete())
        .isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MEMBER));
    assertThat(jda.retrieveUserById(stranger).complete().getName()).isEqualTo("stranger");
    assertThatThrownBy(() -> jda.retrieveUserById(123_456_789_012_345_678L).complete())
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
          assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_USER);
          assertThat(e.getErrorCode()).isEqualTo(10013);
        });
  }

  @Test
  void addAndRemoveARoleAndJdaSeesTheMemberUpdate() {
    var staff = guild.getRoleById(g.role("Staff"));
    guild.addRoleToMember(UserSnowflake.fromId(g.user("alice")), staff).complete();
    assertThat(guild.retrieveMemberById(g.user("alice")).complete().getRoles()).contains(staff);
    guild.removeRoleFromMember(UserSnowflake.fromId(g.user("alice")), staff).complete();
    assertThat(guild.retrieveMemberById(g.user("alice")).complete().getRoles()).doesNotContain(staff);
    assertThat(emu.requests().route("PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}")).hasSize(1);
    assertThat(emu.requests().route("DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}")).hasSize(1);
  }

  @Test
  void loadMembersUsesGatewayChunking() {
    List<Member> members = guild.loadMembers().get();
    assertThat(members).extracting(m -> m.getUser().getName())
        .containsExactlyInAnyOrder("owner", "alice", "mod", "Tiramisu Tickets");
  }

  @Test
  void listMembersPagesByUserIdAndRejectsBadParameters() {
    RawDiscord.Reply page = raw().send("GET", "/guilds/" + g.id + "/members?limit=2", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).hasSize(2);
    String after = page.body().path(1).path("user").path("id").asText();
    RawDiscord.Reply rest = raw().send("GET", "/guilds/" + g.id + "/members?limit=1000&after=" + after, null);
    assertThat(rest.body()).hasSize(2);
    RawDiscord.Reply bad = raw().send("GET", "/guilds/" + g.id + "/members?limit=lots", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.code()).isEqualTo(50035);
    assertThat(raw().send("GET", "/guilds/" + g.id + "/members?limit=1001", null).code()).isEqualTo(50035);
    assertThat(emu.takeSpecViolations()).isNotEmpty()
        .allMatch(v -> v.startsWith("request GET /guilds/{guild_id}/members: limit:"));
  }

  @Test
  void unknownGuildAndChannelIdsOverRawHttp() {
    RawDiscord.Reply guildReply = raw().send("GET", "/guilds/42", null);
    assertThat(guildReply.status()).isEqualTo(404);
    assertThat(guildReply.code()).isEqualTo(10004);
    RawDiscord.Reply channelReply = raw().send("GET", "/channels/42/messages", null);
    assertThat(channelReply.code()).isEqualTo(10003);
    RawDiscord.Reply noAuth = raw().send("GET", "/users/@me", null, null);
    assertThat(noAuth.status()).isEqualTo(401);
    RawDiscord.Reply wrongToken = raw().send("GET", "/users/@me", null, "Bot not-the-token");
    assertThat(wrongToken.status()).isEqualTo(401);
  }
}
