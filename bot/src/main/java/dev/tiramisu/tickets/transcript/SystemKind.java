package dev.tiramisu.tickets.transcript;

/**
 * What a message is: an ordinary message ({@link #NONE}, replies included) or one of the system
 * messages Discord posts in a thread, shown as a one-line notice.
 */
public enum SystemKind {
  /** A message someone (a member, staff or a bot) wrote. */
  NONE,
  /** "X pinned a message." */
  PINNED,
  /** "X added Y to the thread." (Discord's RECIPIENT_ADD; Y is the first mentioned user). */
  MEMBER_ADDED,
  /** "X removed Y from the thread." (RECIPIENT_REMOVE). */
  MEMBER_REMOVED,
  /** "X changed the thread name: N" (the content holds the new name). */
  NAME_CHANGED,
  /** "X started a thread: N" (the content holds the thread's name). */
  THREAD_CREATED,
  /** Any other system message. */
  OTHER
}
