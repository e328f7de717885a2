package dev.tiramisu.tickets.common;

import dev.tiramisu.tickets.text.MessageKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Why the core declined to do what a user asked, as a message the adapter can show as it is.
 *
 * <p>A refusal is an expected outcome (a user error or a state the user can see), never a bug:
 * the adapter renders it with {@code messages.format(refusal.key(), refusal.args())}, usually as
 * an ephemeral reply. Arguments are already in the order {@link MessageKey#params()} names them;
 * snowflake ids are passed as {@code Long} and formatted without grouping by {@code Messages}.
 *
 * @param key the message to show
 * @param args the message arguments, matching {@code key.params()} in number and order
 */
public record Refusal(MessageKey key, List<Object> args) {

  public Refusal {
    Objects.requireNonNull(key, "key");
    args = List.copyOf(args);
    if (args.size() != key.params().size()) {
      throw new IllegalArgumentException(
          key + " takes " + key.params() + " but got " + args.size() + " argument(s)");
    }
  }

  /** A refusal with the given message and arguments. */
  public static Refusal of(MessageKey key, Object... args) {
    return new Refusal(key, Arrays.asList(args));
  }
}
