package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.Durations;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Stats;
import dev.tiramisu.tickets.ticket.TicketStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * {@code /ticket stats [days]} (staff, issue 13): the numbers as an ephemeral answer with the
 * chart of tickets opened and closed per day attached as a PNG. The reply is deferred: the chart
 * may take a moment on a cold JVM.
 */
final class StatsHandlers {
  private final Stats stats;
  private final Replies replies;

  StatsHandlers(Stats stats, Replies replies) {
    this.stats = stats;
    this.replies = replies;
  }

  /** The command; the reply is deferred. */
  void command(SlashCommandInteractionEvent e) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    long days = e.getOption(CommandCatalog.OPT_DAYS, (long) Stats.DEFAULT_DAYS,
        OptionMapping::getAsLong);
    int asked = days < Stats.MIN_DAYS || days > Stats.MAX_DAYS ? -1 : (int) days;
    Result<TicketStats> r = stats.compute(TicketHandlers.actor(e.getMember()), guild.getIdLong(),
        asked, e.getJDA().getSelfUser().getIdLong());
    if (r.isRefused()) {
      replies.send(e, r.refusal());
      return;
    }
    TicketStats s = r.value();
    Messages messages = replies.messages(e); // the user's language
    byte[] png = StatsChart.png(s, messages);
    e.getHook().editOriginal(new MessageEditBuilder()
            .setContent(DiscordText.truncate(render(messages, s), CommandCatalog.MAX_MESSAGE))
            .setAllowedMentions(List.of())
            .setFiles(FileUpload.fromData(png, StatsChart.FILE_NAME))
            .build())
        .complete();
  }

  static String render(Messages messages, TicketStats s) {
    List<String> closers = new ArrayList<>();
    for (int i = 0; i < s.closers().size(); i++) {
      TicketStats.CloserCount c = s.closers().get(i);
      closers.add(messages.format(MessageKey.STATS_CLOSER_LINE, i + 1, c.userId(), c.count()));
    }
    String rating = s.averageRating().isPresent()
        ? messages.format(MessageKey.STATS_RATING,
            String.format(Locale.ROOT, "%.2f", s.averageRating().getAsDouble()), s.ratings())
        : messages.format(MessageKey.STATS_NO_VALUE);
    return messages.format(MessageKey.STATS_MESSAGE, s.days(), s.firstDay().toString(),
        s.opened(), s.closed(), s.openNow(), duration(messages, s.medianFirstReply()),
        duration(messages, s.medianClose()), rating,
        closers.isEmpty() ? messages.format(MessageKey.STATS_NO_CLOSERS)
            : String.join("\n", closers));
  }

  /** A median rounded to the second ({@code 1d 2h 3m 4s}), or "no data". */
  private static String duration(Messages messages, Optional<Duration> d) {
    return d.map(x -> Durations.format(Duration.ofSeconds(x.toSeconds())))
        .orElseGet(() -> messages.format(MessageKey.STATS_NO_VALUE));
  }
}
