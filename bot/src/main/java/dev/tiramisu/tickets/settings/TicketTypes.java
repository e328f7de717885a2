package dev.tiramisu.tickets.settings;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guilds' ticket types ({@code /tickettype create|edit|delete|list}, Manage Server), and which
 * type a new ticket gets. Values are parsed and checked against Discord by the adapter (with the
 * same rules and messages as {@code /setting}); this class checks names, limits and permission.
 * Logs carry ids only.
 */
public final class TicketTypes {
  private static final Logger log = LoggerFactory.getLogger(TicketTypes.class);

  private final TicketTypeStore store;
  private final Clock clock;
  private final TypeForms forms;

  /** @param forms the types' questions and the tickets' answers (V11) */
  public TicketTypes(TicketTypeStore store, FormStore forms, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.forms = new TypeForms(forms, this, clock);
  }

  /** The types' forms: questions, and the answers saved with tickets. */
  public TypeForms forms() {
    return forms;
  }

  /** The guild's live types, oldest first. */
  public List<TicketType> list(long guildId) {
    return store.list(guildId);
  }

  /** The type a ticket was opened with (deleted or not), if any. */
  public Optional<TicketType> ofTicket(long ticketId) {
    return store.typeOfTicket(ticketId);
  }

  /** The guild's live type with this id. */
  public Optional<TicketType> live(long guildId, long typeId) {
    return list(guildId).stream().filter(t -> t.id() == typeId).findFirst();
  }

  /**
   * The guild's live type called {@code name} (case-insensitive).
   *
   * @return the type, or {@code ERROR_TYPE_UNKNOWN} naming the guild's types
   */
  public Result<TicketType> byName(long guildId, String name) {
    List<TicketType> all = list(guildId);
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return all.stream().filter(t -> t.name().toLowerCase(Locale.ROOT).equals(key)).findFirst()
        .map(Result::ok)
        .orElseGet(() -> Result.refused(MessageKey.ERROR_TYPE_UNKNOWN,
            DiscordText.escape(DiscordText.truncate(key, TicketType.MAX_NAME)), names(all)));
  }

  /** The guild's type names for a message, e.g. {@code `Billing`, `Report`} (or "none"). */
  public static String names(List<TicketType> types) {
    return types.isEmpty() ? "-" : types.stream()
        .map(t -> "`" + DiscordText.escape(t.name()) + "`").collect(Collectors.joining(", "));
  }

  /**
   * Creates a type. {@code e.name()} is required; the rest as given (null = inherit).
   *
   * @return the new type, or {@code ERROR_SETTINGS_NOT_ALLOWED}, {@code ERROR_TYPE_NAME_INVALID},
   *     {@code ERROR_TYPE_NAME_TAKEN}, {@code ERROR_TYPE_TOO_MANY}, {@code ERROR_TYPE_TEXT_TOO_LONG}
   */
  public Result<TicketType> create(long guildId, Actor actor, TicketType.Edit e) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    if (store.list(guildId).size() >= TicketType.MAX_PER_GUILD) {
      return Result.refused(MessageKey.ERROR_TYPE_TOO_MANY, TicketType.MAX_PER_GUILD);
    }
    TicketType blank = new TicketType(0, guildId, "?", null, null, null, List.of(), null, null,
        null, false);
    Result<TicketType> checked = check(blank.with(e), e.name() == null ? "" : e.name());
    if (checked.isRefused()) {
      return checked;
    }
    Optional<TicketType> saved = store.insert(checked.value(), now());
    if (saved.isEmpty()) {
      return Result.refused(MessageKey.ERROR_TYPE_NAME_TAKEN, DiscordText.escape(checked.value().name()));
    }
    log.info("guild {}: ticket type {} created by user {}", guildId, saved.get().id(),
        actor.userId());
    return Result.ok(saved.get());
  }

  /**
   * Changes the values {@code e} names of the type called {@code name}.
   *
   * @return the type afterwards, or the refusals of {@link #create} (but too many) and {@code
   *     ERROR_TYPE_UNKNOWN}, {@code ERROR_TYPE_NOTHING_TO_EDIT}
   */
  public Result<TicketType> edit(long guildId, Actor actor, String name, TicketType.Edit e) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    Result<TicketType> current = byName(guildId, name);
    if (current.isRefused()) {
      return current;
    }
    if (e.isEmpty()) {
      return Result.refused(MessageKey.ERROR_TYPE_NOTHING_TO_EDIT);
    }
    Result<TicketType> checked = check(current.value().with(e),
        e.name() == null ? current.value().name() : e.name());
    if (checked.isRefused()) {
      return checked;
    }
    if (!store.update(checked.value(), now())) {
      return Result.refused(MessageKey.ERROR_TYPE_NAME_TAKEN, DiscordText.escape(checked.value().name()));
    }
    log.info("guild {}: ticket type {} edited by user {}", guildId, current.value().id(),
        actor.userId());
    return Result.ok(checked.value());
  }

  /**
   * Deletes the type called {@code name}: no longer offered; its tickets keep it.
   *
   * @return the deleted type, or {@code ERROR_SETTINGS_NOT_ALLOWED}, {@code ERROR_TYPE_UNKNOWN}
   */
  public Result<TicketType> delete(long guildId, Actor actor, String name) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    Result<TicketType> current = byName(guildId, name);
    if (current.isRefused()) {
      return current;
    }
    if (!store.delete(current.value().id(), now())) {
      return Result.refused(MessageKey.ERROR_TYPE_UNKNOWN,
          DiscordText.escape(current.value().name()), names(list(guildId)));
    }
    log.info("guild {}: ticket type {} deleted by user {}", guildId, current.value().id(),
        actor.userId());
    return Result.ok(current.value());
  }

  /** Validates names and texts; the returned type carries the cleaned name. */
  private static Result<TicketType> check(TicketType t, String rawName) {
    String name = rawName.strip();
    if (name.isEmpty() || name.length() > TicketType.MAX_NAME
        || name.chars().anyMatch(Character::isISOControl)) {
      return Result.refused(MessageKey.ERROR_TYPE_NAME_INVALID, TicketType.MAX_NAME);
    }
    if (t.description() != null && (t.description().length() > TicketType.MAX_DESCRIPTION
        || t.description().chars().anyMatch(Character::isISOControl))) {
      return Result.refused(MessageKey.ERROR_TYPE_TEXT_TOO_LONG, "description",
          TicketType.MAX_DESCRIPTION);
    }
    if (t.emoji() != null && (t.emoji().length() > 64 || t.emoji().isBlank()
        || t.emoji().chars().anyMatch(Character::isWhitespace))) {
      return Result.refused(MessageKey.ERROR_TYPE_EMOJI_INVALID);
    }
    if (t.staffRoleIds().size() > TicketType.MAX_STAFF_ROLES) {
      return Result.refused(MessageKey.ERROR_TYPE_TOO_MANY_ROLES, TicketType.MAX_STAFF_ROLES);
    }
    return Result.ok(new TicketType(t.id(), t.guildId(), name, t.emoji(), t.description(),
        t.channelId(), t.staffRoleIds(), t.nameTemplate(), t.maxOpenPerUser(),
        t.createCooldown(), t.isDefault()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
