package dev.tiramisu.tickets.ticket;

import java.util.Objects;

/**
 * What the domain needs to know about a Discord thread (the adapter builds it from JDA's
 * ThreadChannel).
 *
 * @param id the thread's id
 * @param parentId the channel the thread belongs to
 * @param name the thread's current name
 * @param isPrivate whether it is a private thread
 */
public record ThreadInfo(long id, long parentId, String name, boolean isPrivate) {
  public ThreadInfo {
    Objects.requireNonNull(name, "name");
  }
}
