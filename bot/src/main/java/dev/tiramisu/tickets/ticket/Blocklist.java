package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guild's blocklist: users, and roles whose members, may not open tickets ({@code /blocklist
 * add|remove|list}, Manage Server). Checked by role and user id when a ticket is about to be
 * opened (the command, the panel button and the reason form), never by name.
 */
public final class Blocklist {
  private static final Logger log = LoggerFactory.getLogger(Blocklist.class);

  private final BlocklistStore store;
  private final Clock clock;

  public Blocklist(BlocklistStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Blocks a user or a role.
   *
   * @return whether it was added (false: already listed), or {@code ERROR_BLOCKLIST_NOT_ALLOWED},
   *     {@code ERROR_BLOCKLIST_EVERYONE} (the {@code @everyone} role, whose id is the guild's)
   */
  public Result<Boolean> add(long guildId, Actor actor, BlocklistStore.Kind kind, long targetId) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_BLOCKLIST_NOT_ALLOWED);
    }
    if (kind == BlocklistStore.Kind.ROLE && targetId == guildId) {
      return Result.refused(MessageKey.ERROR_BLOCKLIST_EVERYONE);
    }
    boolean added = store.add(new BlocklistStore.Entry(guildId, kind, targetId, actor.userId(),
        clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    if (added) {
      log.info("guild {}: {} {} blocked by user {}", guildId, kind, targetId, actor.userId());
    }
    return Result.ok(added);
  }

  /** @return whether it was removed (false: not listed), or {@code ERROR_BLOCKLIST_NOT_ALLOWED} */
  public Result<Boolean> remove(long guildId, Actor actor, BlocklistStore.Kind kind,
      long targetId) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_BLOCKLIST_NOT_ALLOWED);
    }
    boolean removed = store.remove(guildId, kind, targetId);
    if (removed) {
      log.info("guild {}: {} {} unblocked by user {}", guildId, kind, targetId, actor.userId());
    }
    return Result.ok(removed);
  }

  /** The entries, oldest first, or {@code ERROR_BLOCKLIST_NOT_ALLOWED}. */
  public Result<List<BlocklistStore.Entry>> list(long guildId, Actor actor) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_BLOCKLIST_NOT_ALLOWED);
    }
    return Result.ok(store.list(guildId));
  }

  /** {@code ERROR_BLOCKED} if the member or one of their roles is listed, else empty. */
  public Optional<Refusal> check(long guildId, Actor member) {
    if (store.blocks(guildId, member.userId(), member.roleIds())) {
      log.info("guild {}: user {} is blocked from opening tickets", guildId, member.userId());
      return Optional.of(Refusal.of(MessageKey.ERROR_BLOCKED));
    }
    return Optional.empty();
  }
}
