package dev.tiramisu.tickets.migrate;

import dev.tiramisu.tickets.config.DatabaseConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code migrate}: copies every table of a SQLite database into PostgreSQL, in one transaction on
 * the target, with the target's schema migrated first and the row counts checked afterwards.
 *
 * <pre>
 * migrate --from jdbc:sqlite:data/tickets.db --to jdbc:postgresql://127.0.0.1:5432/tickets
 *         [--to-user USER] [--to-password PASSWORD] [--force]
 * </pre>
 *
 * <p>Progress goes to {@code err}, the result to {@code out}. On failure one line starting with
 * {@code migrate failed:} goes to {@code err}, and the target holds no copied row. Details in
 * {@code docs/migrate.md}.
 */
public final class MigrateCommand {
  /** Everything was copied and checked. */
  public static final int OK = 0;

  /** The migration failed or was refused; the target has none of the source's rows. */
  public static final int FAILED = 1;

  /** The arguments were wrong; nothing was touched. */
  public static final int USAGE = 2;

  static final String USAGE_TEXT =
      "usage: migrate --from jdbc:sqlite:FILE --to jdbc:postgresql://HOST:PORT/DB"
          + " [--to-user USER] [--to-password PASSWORD] [--force]";

  private MigrateCommand() {}

  /** The options of one run; the password is never printed. */
  record Options(String from, String to, String toUser, String toPassword, boolean force) {
    /** The target URL for messages: without parameters, which may carry credentials. */
    String safeTo() {
      return new DatabaseConfig(to, toUser, toPassword, 1).safeUrl();
    }

    @Override
    public String toString() {
      return "Options[from=" + from + ", to=" + safeTo() + ", toUser=" + toUser
          + ", toPassword=" + (toPassword == null ? "none" : "***") + ", force=" + force + "]";
    }
  }

  /**
   * Runs the command. {@code DATABASE_USER} and {@code DATABASE_PASSWORD} from the environment
   * are used when {@code --to-user} / {@code --to-password} are not given.
   *
   * @param args the arguments after {@code migrate}
   * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /** {@link #run(List, PrintStream, PrintStream)} with an explicit environment. */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Objects.requireNonNull(args, "args");
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE_TEXT);
      out.println("Copies every table of the SQLite database into PostgreSQL in one transaction.");
      out.println("--force  empty the target's tables first (TRUNCATE), inside the same"
          + " transaction: if the copy fails they keep their rows.");
      return OK;
    }
    Options options;
    try {
      options = parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println("migrate: " + e.getMessage() + " (" + USAGE_TEXT + ")");
      return USAGE;
    }
    try {
      Migration.Result result = new Migration(options, err).run();
      out.println(result.summary());
      return OK;
    } catch (MigrationException e) {
      err.println("migrate failed: " + e.getMessage());
      return FAILED;
    } catch (RuntimeException e) {
      // a bug or a driver surprise: still one line, and still nothing committed
      err.println("migrate failed: " + oneLine(e.toString())
          + "; the target transaction was not committed");
      return FAILED;
    }
  }

  static Options parse(List<String> args, Map<String, String> env) {
    String from = null;
    String to = null;
    String user = null;
    String password = null;
    boolean force = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 2) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("--force")) {
        if (value != null) {
          throw new IllegalArgumentException("--force takes no value");
        }
        force = true;
        continue;
      }
      if (!List.of("--from", "--to", "--to-user", "--to-password").contains(name)) {
        throw new IllegalArgumentException("unknown argument \"" + echo(name) + "\"");
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args.get(++i);
      }
      switch (name) {
        case "--from" -> from = value;
        case "--to" -> to = value;
        case "--to-user" -> user = value;
        default -> password = value;
      }
    }
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("--from is required");
    }
    if (to == null || to.isBlank()) {
      throw new IllegalArgumentException("--to is required");
    }
    if (!from.startsWith(DatabaseConfig.SQLITE_PREFIX)
        || from.length() == DatabaseConfig.SQLITE_PREFIX.length()) {
      throw new IllegalArgumentException(
          "--from must be a SQLite file URL such as jdbc:sqlite:data/tickets.db");
    }
    if (!to.startsWith(DatabaseConfig.POSTGRESQL_PREFIX)) {
      throw new IllegalArgumentException(
          "--to must be a PostgreSQL URL such as jdbc:postgresql://127.0.0.1:5432/tickets");
    }
    if (user == null) {
      user = blankToNull(env.get("DATABASE_USER"));
    }
    if (password == null) {
      password = blankToNull(env.get("DATABASE_PASSWORD"));
    }
    return new Options(from, to, user, password, force);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** An argument name as typed, cut and stripped of control characters, for an error message. */
  private static String echo(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  static String oneLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
