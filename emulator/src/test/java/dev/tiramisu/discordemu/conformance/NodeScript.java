package dev.tiramisu.discordemu.conformance;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Node.js script of a test, run as a child process: its npm dependencies are installed from the lock file when
 * missing, its stdout and stderr are read line by line (echoed to the test's output with secrets redacted), and a
 * test waits, with a deadline, for a line or for the exit. {@link #close()} kills the process if it still runs.
 */
final class NodeScript implements AutoCloseable {
  private final Process process;
  private final List<String> redact;
  private final List<String> out = new ArrayList<>();
  private final List<String> err = new ArrayList<>();
  private final Thread outReader;
  private final Thread errReader;
  private int readersDone;

  private NodeScript(Process process, List<String> redact, String name) {
    this.process = process;
    this.redact = redact;
    outReader = reader(process.getInputStream(), out, "[" + name + " stdout] ");
    errReader = reader(process.getErrorStream(), err, "[" + name + " stderr] ");
  }

  /**
   * Starts {@code node <script>} in {@code dir} with {@code env} added to this JVM's environment, after making
   * sure the project's dependencies are installed ({@link #ensureInstalled}). The values of {@code env} listed in
   * {@code secrets} never reach the test output. Stdin stays open (the script may exit when it closes).
   */
  static NodeScript start(Path dir, String script, Map<String, String> env, List<String> secrets) {
    String node = requireExecutable("node");
    ensureInstalled(dir);
    ProcessBuilder pb = new ProcessBuilder(node, script).directory(dir.toFile());
    pb.environment().putAll(env);
    try {
      return new NodeScript(pb.start(), List.copyOf(secrets), script);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start node " + script + " in " + dir, e);
    }
  }

  /**
   * Installs the dependencies of the npm project in {@code dir} with {@code npm ci --prefer-offline} when
   * {@code node_modules} lacks one of them or holds another version than {@code package.json} pins (CI runs
   * {@code npm ci} before the build; this covers {@code mvn verify} on a fresh clone).
   */
  static void ensureInstalled(Path dir) {
    if (installed(dir)) {
      return;
    }
    String npm = requireExecutable("npm");
    System.out.println("[npm] node_modules missing or stale in " + dir + ": running npm ci --prefer-offline");
    try {
      Path log = Files.createTempFile("npm-ci", ".log");
      ProcessBuilder pb = new ProcessBuilder(npm, "ci", "--prefer-offline", "--no-audit", "--no-fund")
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      Process p = pb.start();
      p.getOutputStream().close();
      boolean finished = p.waitFor(10, TimeUnit.MINUTES);
      if (!finished) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      String output = Files.readString(log);
      Files.deleteIfExists(log);
      if (!finished) {
        throw new AssertionError("npm ci in " + dir + " did not finish within 10 minutes:\n" + output);
      }
      System.out.println("[npm] " + output.strip().replace("\n", "\n[npm] "));
      if (p.exitValue() != 0) {
        throw new AssertionError("npm ci in " + dir + " failed with exit code " + p.exitValue()
            + " (offline? run it once with network access):\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run npm ci in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (!installed(dir)) {
      throw new AssertionError("npm ci in " + dir + " succeeded but the pinned dependencies are still not installed");
    }
  }

  private static final Pattern DEPENDENCY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]+)\"");

  /** Whether every dependency of package.json is in node_modules at exactly the pinned version. */
  private static boolean installed(Path dir) {
    try {
      String pkg = Files.readString(dir.resolve("package.json"));
      int start = pkg.indexOf("\"dependencies\"");
      if (start < 0) {
        return true;
      }
      String deps = pkg.substring(pkg.indexOf('{', start), pkg.indexOf('}', start) + 1);
      Matcher m = DEPENDENCY.matcher(deps);
      while (m.find()) {
        Path installedPkg = dir.resolve("node_modules").resolve(m.group(1)).resolve("package.json");
        if (!Files.isRegularFile(installedPkg)
            || !Files.readString(installedPkg).contains("\"version\": \"" + m.group(2) + "\"")) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the npm project in " + dir, e);
    }
  }

  /** The absolute path of an executable on PATH, or an AssertionError that says how to get it. */
  static String requireExecutable(String name) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (entry.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(entry, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    throw new AssertionError("`" + name + "` was not found on PATH: the discord.js conformance test needs Node.js "
        + "18 or later with npm (Debian: apt-get install nodejs npm; or https://nodejs.org)");
  }

  private Thread reader(InputStream stream, List<String> lines, String prefix) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          String safe = redacted(line);
          System.out.println(prefix + safe);
          synchronized (this) {
            lines.add(safe);
            notifyAll();
          }
        }
      } catch (IOException e) {
        System.out.println(prefix + "(stream closed: " + e.getMessage() + ")");
      } finally {
        synchronized (this) {
          readersDone++;
          notifyAll();
        }
      }
    }, "node-" + prefix.strip());
    t.setDaemon(true);
    t.start();
    return t;
  }

  private String redacted(String line) {
    String s = line;
    for (String secret : redact) {
      if (!secret.isEmpty()) {
        s = s.replace(secret, "<redacted>");
      }
    }
    return s;
  }

  /**
   * Waits until the script printed a line starting with {@code prefix} and returns it; fails at the deadline or
   * when the script ended without printing it, with what it printed.
   */
  synchronized String awaitLine(String prefix, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String line : out) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      if (readersDone == 2) {
        throw new AssertionError("the script ended without printing \"" + prefix + "\"" + transcript());
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no \"" + prefix + "\" from the script within " + timeout + transcript());
      }
      waitNanos(left);
    }
  }

  /** Waits for the script to exit and for its output to be read; fails at the deadline. Returns the exit code. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the script did not exit within " + timeout + transcript());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    synchronized (this) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (readersDone < 2 && deadline - System.nanoTime() > 0) {
        waitNanos(deadline - System.nanoTime());
      }
    }
    return process.exitValue();
  }

  private void waitNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.timedWait(this, nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  synchronized List<String> stdout() {
    return List.copyOf(out);
  }

  synchronized List<String> stderr() {
    return List.copyOf(err);
  }

  /** Stdout and stderr so far, for a failure message. */
  synchronized String transcript() {
    return "\n--- stdout ---\n" + String.join("\n", out) + "\n--- stderr ---\n" + String.join("\n", err);
  }

  /** Closes stdin and kills the script (and its children) if it still runs. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // the pipe is already gone: nothing to close
    }
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      outReader.join(TimeUnit.SECONDS.toMillis(10));
      errReader.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
