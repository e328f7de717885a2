package dev.tiramisu.discordemu.model;

import java.util.ArrayList;
import java.util.List;

/** A guild member. Mutable; guarded by the state's lock. */
public final class Member {
  public final long userId;
  public final List<Long> roleIds = new ArrayList<>();
  public String nick;
  public final long joinedAtMillis;

  public Member(long userId, long joinedAtMillis) {
    this.userId = userId;
    this.joinedAtMillis = joinedAtMillis;
  }
}
