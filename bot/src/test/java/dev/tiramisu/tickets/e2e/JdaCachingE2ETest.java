package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.tickets.discord.JdaCaching;
import dev.tiramisu.tickets.ticket.Ticket;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import org.junit.jupiter.api.Test;

/**
 * JDA's caches after {@link JdaCaching} compacted them: compaction still reaches this JDA's maps
 * (a JDA upgrade that moves them fails here, not silently), the cache holds what Discord sent
 * (channels of every type, roles, overwrites) and follows what changes after it, and tickets work.
 */
class JdaCachingE2ETest extends SingleBotE2ETest {

  @Test
  void compacted_caches_hold_the_guild_and_follow_its_changes() {
    TestGuild g = h.guild(b -> b.channel("Voice", Channel.GUILD_CATEGORY, null)
        .channel("Lounge", Channel.GUILD_VOICE, "Voice")
        .overwrite("general", "@everyone", 0, Permissions.SEND_MESSAGES)
        .overwrite("mod-log", "Staff", Permissions.VIEW_CHANNEL, 0));
    Guild guild = h.bot().shards().getGuildById(g.id);

    // the guild's views (one map per channel type, roles, members, emojis...) and each of its
    // six channels' overwrites: compacted when it loaded, and again now
    assertThat(JdaCaching.compact(guild)).as("maps compacted").isGreaterThanOrEqualTo(15 + 6);
    assertThat(guild.getTextChannels()).hasSize(4);
    assertThat(guild.getVoiceChannelById(g.channel("Lounge")).getParentCategoryIdLong())
        .isEqualTo(g.channel("Voice"));
    assertThat(guild.getRoles()).hasSize(5); // Admin, Staff, Member, the bot's, @everyone
    assertThat(guild.getTextChannelById(g.channel("general"))
        .getPermissionOverride(guild.getPublicRole()).getDenied())
        .containsExactly(Permission.MESSAGE_SEND);
    assertThat(guild.getTextChannelById(g.channel("mod-log"))
        .getPermissionOverride(guild.getRoleById(g.role("Staff"))).getAllowed())
        .containsExactly(Permission.VIEW_CHANNEL);

    // changes after compaction: the maps grow and shrink again as JDA needs
    g.setRolePermissions(g.role("Member"), Permissions.SEND_MESSAGES);
    h.emu.await("the Member role's new permissions in JDA's cache",
        () -> guild.getRoleById(g.role("Member")).getPermissionsRaw() == Permissions.SEND_MESSAGES);
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "after compaction");
    h.emu.await("the ticket's thread in JDA's cache",
        () -> guild.getThreadChannelById(t.threadId()) != null);
    g.as("admin").deleteChannel(g.channel("Lounge"));
    h.emu.await("the deleted voice channel gone from JDA's cache",
        () -> guild.getVoiceChannelById(g.channel("Lounge")) == null);
    assertThat(JdaCaching.compact(guild)).isGreaterThanOrEqualTo(15 + 5);
    assertThat(guild.getTextChannels()).hasSize(4);
  }
}
