package dev.tiramisu.tickets.common;

import dev.tiramisu.tickets.text.MessageKey;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a user-triggered operation: either a value or a {@link Refusal} explaining, in
 * user-facing words, why nothing was done.
 *
 * <p>User errors (not allowed, not a ticket, invalid value, ...) are results, not exceptions; only
 * infrastructure failures are thrown (see {@link StorageUnavailableException}). Typical use in the
 * adapter:
 *
 * <pre>{@code
 * Result<OpenedTicket> r = tickets.open(guildId, userId, reason);
 * if (r.isRefused()) {
 *   replyEphemeral(messages.format(r.refusal()));
 *   return;
 * }
 * OpenedTicket opened = r.value();
 * }</pre>
 *
 * @param <T> the type of the value on success
 */
public final class Result<T> {
  private final T value;
  private final Refusal refusal;

  private Result(T value, Refusal refusal) {
    this.value = value;
    this.refusal = refusal;
  }

  /** A successful result carrying a non-null value. */
  public static <T> Result<T> ok(T value) {
    return new Result<>(Objects.requireNonNull(value, "value"), null);
  }

  /** A refused result. */
  public static <T> Result<T> refused(Refusal refusal) {
    return new Result<>(null, Objects.requireNonNull(refusal, "refusal"));
  }

  /** A refused result with the given message and arguments. */
  public static <T> Result<T> refused(MessageKey key, Object... args) {
    return refused(Refusal.of(key, args));
  }

  public boolean isOk() {
    return refusal == null;
  }

  public boolean isRefused() {
    return refusal != null;
  }

  /**
   * The value.
   *
   * @throws NoSuchElementException if this result is a refusal
   */
  public T value() {
    if (refusal != null) {
      throw new NoSuchElementException("refused: " + refusal.key());
    }
    return value;
  }

  /**
   * The refusal.
   *
   * @throws NoSuchElementException if this result is a success
   */
  public Refusal refusal() {
    if (refusal == null) {
      throw new NoSuchElementException("not refused");
    }
    return refusal;
  }

  /** Applies {@code f} to the value of a success; passes a refusal through unchanged. */
  public <U> Result<U> map(Function<? super T, ? extends U> f) {
    return refusal == null ? ok(f.apply(value)) : refused(refusal);
  }

  /** Chains an operation that may itself refuse; passes a refusal through unchanged. */
  public <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
    return refusal == null ? f.apply(value) : refused(refusal);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Result<?> r
        && Objects.equals(value, r.value)
        && Objects.equals(refusal, r.refusal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, refusal);
  }

  @Override
  public String toString() {
    return refusal == null ? "Ok[" + value + "]" : "Refused[" + refusal + "]";
  }
}
