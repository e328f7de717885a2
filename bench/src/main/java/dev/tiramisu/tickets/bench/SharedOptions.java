package dev.tiramisu.tickets.bench;

/**
 * The options every benchmark takes: where to write its section of docs/benchmarks.md and which PostgreSQL server
 * to use (or none).
 */
record SharedOptions(String out, String pgUrl, String pgUser, String pgPassword, String pgAdminDb,
    boolean postgres) {

  /** A benchmark's own options: takes a flag and its value, or says it does not know the flag. */
  interface Specific {
    boolean accept(String flag, String value);
  }

  /** Parses {@code args}: the shared flags here, every other {@code --flag value} through {@code specific}. */
  static SharedOptions parse(String[] args, Specific specific) {
    String out = "docs/benchmarks.md";
    String pgUrl = "jdbc:postgresql://127.0.0.1:5432/";
    String pgUser = "postgres";
    String pgPassword = System.getenv("PGPASSWORD");
    String pgAdminDb = "postgres";
    boolean postgres = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--no-postgres")) {
        postgres = false;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown argument or missing value: " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--out" -> out = v;
        case "--pg-url" -> pgUrl = v.endsWith("/") ? v : v + "/";
        case "--pg-user" -> pgUser = v;
        case "--pg-password" -> pgPassword = v;
        case "--pg-admin-db" -> pgAdminDb = v;
        default -> {
          if (!specific.accept(a, v)) {
            throw new IllegalArgumentException("unknown argument: " + a);
          }
        }
      }
    }
    return new SharedOptions(out, pgUrl, pgUser, pgPassword, pgAdminDb, postgres);
  }
}
