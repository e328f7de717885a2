package dev.tiramisu.tickets.panel;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.settings.TicketTypes;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Panels ({@code /panel create|list|delete}, Manage Server): validates what the admin asked for
 * and records it before anything is posted. What only Discord knows (the channel, the bot's
 * permissions there) is checked by the adapter first. Logs carry ids only.
 */
public final class Panels {
  private static final Logger log = LoggerFactory.getLogger(Panels.class);
  private static final Pattern COLOUR = Pattern.compile("(?:#|0x)?([0-9a-fA-F]{6})");

  private final PanelStore store;
  private final TicketTypes types;
  private final Clock clock;

  public Panels(PanelStore store, TicketTypes types, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.types = Objects.requireNonNull(types, "types");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What {@code /panel create} asked for.
   *
   * @param types type names separated by commas, or {@code all}
   * @param title the heading (the adapter gives the default when the option is absent)
   * @param description or null
   * @param colour {@code #RRGGBB}, or null for {@link Panel#DEFAULT_COLOUR}
   */
  public record Request(long channelId, String types, String title, String description,
      String colour) {}

  /**
   * Validates the request and saves the panel ({@link Panel.State#POSTING}): the adapter posts
   * its message and reports with {@link #posted} or {@link #notPosted}.
   *
   * @return the saved panel, or why not ({@code ERROR_SETTINGS_NOT_ALLOWED}, {@code
   *     ERROR_PANEL_NO_TYPES}, {@code ERROR_PANEL_TYPES_NEEDED}, {@code ERROR_TYPE_UNKNOWN},
   *     {@code ERROR_PANEL_TOO_MANY_TYPES}, {@code ERROR_PANEL_TEXT_INVALID}, {@code
   *     ERROR_PANEL_COLOUR_INVALID}, {@code ERROR_PANEL_TOO_MANY})
   */
  public Result<Panel> create(long guildId, Actor actor, Request r) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    List<TicketType> live = types.list(guildId);
    if (live.isEmpty()) {
      return Result.refused(MessageKey.ERROR_PANEL_NO_TYPES);
    }
    Result<List<Long>> chosen = choose(live, r.types());
    if (chosen.isRefused()) {
      return Result.refused(chosen.refusal());
    }
    String title = r.title() == null ? "" : r.title().strip();
    if (title.isEmpty() || title.length() > Panel.MAX_TITLE
        || title.chars().anyMatch(Character::isISOControl)) {
      return Result.refused(MessageKey.ERROR_PANEL_TEXT_INVALID, "title", Panel.MAX_TITLE);
    }
    String description = r.description() == null ? null
        : r.description().replace("\\n", "\n").strip();
    if (description != null && (description.isEmpty()
        || description.length() > Panel.MAX_DESCRIPTION
        || description.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c)))) {
      return Result.refused(MessageKey.ERROR_PANEL_TEXT_INVALID, "description",
          Panel.MAX_DESCRIPTION);
    }
    int colour = Panel.DEFAULT_COLOUR;
    if (r.colour() != null) {
      Matcher m = COLOUR.matcher(r.colour().strip());
      if (!m.matches()) {
        return Result.refused(MessageKey.ERROR_PANEL_COLOUR_INVALID,
            DiscordText.escape(DiscordText.truncate(r.colour().strip(), 20)));
      }
      colour = Integer.parseInt(m.group(1), 16);
    }
    if (store.list(guildId).size() >= Panel.MAX_PER_GUILD) {
      return Result.refused(MessageKey.ERROR_PANEL_TOO_MANY, Panel.MAX_PER_GUILD);
    }
    Panel saved = store.insert(new Panel(0, guildId, r.channelId(), null, title, description,
        colour, actor.userId(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
        Panel.State.POSTING, chosen.value()));
    log.info("guild {}: panel {} saved by user {} for channel {}", guildId, saved.id(),
        actor.userId(), r.channelId());
    return Result.ok(saved);
  }

  /** The type ids named by {@code raw} ({@code all}, or names separated by commas), in order. */
  private static Result<List<Long>> choose(List<TicketType> live, String raw) {
    if (raw == null || raw.isBlank()) {
      return Result.refused(MessageKey.ERROR_PANEL_TYPES_NEEDED, TicketTypes.names(live));
    }
    if (raw.strip().equalsIgnoreCase("all")) {
      return Result.ok(live.stream().limit(Panel.MAX_TYPES).map(TicketType::id).toList());
    }
    Map<Long, Boolean> ids = new LinkedHashMap<>();
    for (String part : raw.split(",")) {
      String name = part.strip();
      if (name.isEmpty()) {
        continue;
      }
      String key = name.toLowerCase(Locale.ROOT);
      Optional<TicketType> t = live.stream()
          .filter(x -> x.name().toLowerCase(Locale.ROOT).equals(key)).findFirst();
      if (t.isEmpty()) {
        return Result.refused(MessageKey.ERROR_TYPE_UNKNOWN,
            DiscordText.escape(DiscordText.truncate(name, TicketType.MAX_NAME)),
            TicketTypes.names(live));
      }
      ids.put(t.get().id(), true);
    }
    if (ids.isEmpty()) {
      return Result.refused(MessageKey.ERROR_PANEL_TYPES_NEEDED, TicketTypes.names(live));
    }
    if (ids.size() > Panel.MAX_TYPES) {
      return Result.refused(MessageKey.ERROR_PANEL_TOO_MANY_TYPES, Panel.MAX_TYPES);
    }
    return Result.ok(new ArrayList<>(ids.keySet()));
  }

  /** The panel's message is posted. @return whether this call recorded it */
  public boolean posted(Panel p, long messageId) {
    boolean done = store.transition(p.id(), Panel.State.POSTING, Panel.State.POSTED, messageId);
    if (done) {
      log.info("guild {}: panel {} posted as message {}", p.guildId(), p.id(), messageId);
    }
    return done;
  }

  /** Discord refused the panel's message: the panel is dropped (its row kept as deleted). */
  public void notPosted(Panel p) {
    store.transition(p.id(), Panel.State.POSTING, Panel.State.DELETED, null);
    log.info("guild {}: panel {} not posted; dropped", p.guildId(), p.id());
  }

  /** The panel's message was deleted on Discord. */
  public void gone(Panel p) {
    if (store.transition(p.id(), Panel.State.POSTED, Panel.State.GONE, null)) {
      log.info("guild {}: panel {} message gone", p.guildId(), p.id());
    }
  }

  /**
   * The guild's panels (not deleted), oldest first.
   *
   * @return them, or {@code ERROR_SETTINGS_NOT_ALLOWED}
   */
  public Result<List<Panel>> list(long guildId, Actor actor) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    return Result.ok(store.list(guildId));
  }

  /**
   * Marks the guild's panel {@code panelId} deleted; the adapter deletes its message.
   *
   * @return the panel as it was, or {@code ERROR_SETTINGS_NOT_ALLOWED}, {@code ERROR_PANEL_UNKNOWN}
   */
  public Result<Panel> delete(long guildId, Actor actor, long panelId) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    Optional<Panel> p = store.find(panelId)
        .filter(x -> x.guildId() == guildId && x.state() != Panel.State.DELETED);
    if (p.isEmpty() || !store.transition(panelId, p.get().state(), Panel.State.DELETED, null)) {
      return Result.refused(MessageKey.ERROR_PANEL_UNKNOWN, panelId);
    }
    log.info("guild {}: panel {} deleted by user {}", guildId, panelId, actor.userId());
    return Result.ok(p.get());
  }

  public Optional<Panel> find(long panelId) {
    return store.find(panelId);
  }

  /**
   * The posted panels due for a redraw (a type they offer changed since they were drawn), of
   * every guild or of {@code guildId} when not null, oldest first.
   */
  public List<Panel> redrawsDue(Long guildId) {
    return store.redrawsDue(guildId);
  }

  /** How many redraws of the panel were requested so far; read before drawing it. */
  public long redrawsRequested(long panelId) {
    return store.redrawsRequested(panelId);
  }

  /** A redraw drawn after {@code requested} requests reached Discord. */
  public void redrawn(long panelId, long requested) {
    store.redrawn(panelId, requested);
  }

  /** Panels a crash may have left without their message, oldest first. */
  public List<Panel> posting() {
    return store.posting();
  }

  /** The live types the panel offers, in its order (deleted ones left out). */
  public List<TicketType> liveTypes(Panel p) {
    List<TicketType> live = types.list(p.guildId());
    List<TicketType> out = new ArrayList<>();
    for (long id : p.typeIds()) {
      live.stream().filter(t -> t.id() == id).findFirst().ifPresent(out::add);
    }
    return out;
  }
}
