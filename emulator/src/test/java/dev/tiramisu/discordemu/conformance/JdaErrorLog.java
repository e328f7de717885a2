package dev.tiramisu.discordemu.conformance;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Collects what JDA logs at ERROR during a test. JDA logs and drops payloads it cannot parse (an embed without a
 * type, a malformed member, ...), so an ERROR from JDA usually means the emulator sent something Discord would not.
 */
final class JdaErrorLog extends AppenderBase<ILoggingEvent> {
  /**
   * The MDC key naming the test a JDA client belongs to: the suite gives every client it builds a context map with
   * this key ({@code JDABuilder.setContextMap}), and JDA puts it in the MDC of its threads (gateway, requester).
   */
  static final String TEST_KEY = "emulator.test";

  private final String test;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<Pattern> expected = new CopyOnWriteArrayList<>();
  private final Logger jdaLogger = (Logger) LoggerFactory.getLogger("net.dv8tion");

  /** A log of the ERRORs of the clients of {@code test} (the value of {@link #TEST_KEY} in their MDC). */
  JdaErrorLog(String test) {
    this.test = test;
  }

  void attach() {
    setName("jda-error-log");
    setContext(jdaLogger.getLoggerContext());
    start();
    jdaLogger.addAppender(this);
  }

  void detach() {
    jdaLogger.detachAppender(this);
    stop();
  }

  /** Declares an ERROR a test provokes on purpose (a regular expression found in the message). */
  void expect(String regex) {
    expected.add(Pattern.compile(regex));
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.ERROR) || causedByInterruption(event.getThrowableProxy())
        || mentionsInterruption(event.getFormattedMessage())) {
      return;
    }
    String from = event.getMDCPropertyMap().get(TEST_KEY);
    if (from != null && !from.equals(test)) {
      return; // a client of an earlier test, still shutting down (e.g. "I/O error ...: interrupted")
    }
    lines.add(event.getLoggerName() + ": " + event.getFormattedMessage());
  }

  /**
   * A JDA shut down at the end of the previous test may still log from its worker threads, which it interrupted;
   * those lines say nothing about the emulator.
   */
  private static boolean causedByInterruption(IThrowableProxy t) {
    for (IThrowableProxy c = t; c != null; c = c.getCause()) {
      String text = c.getClassName() + " " + c.getMessage();
      if (text.toLowerCase(java.util.Locale.ROOT).contains("interrupt")) {
        return true;
      }
    }
    return false;
  }

  /**
   * JDA also logs an interrupted request as a message only ("There was an I/O error while executing a REST request:
   * interrupted"), from a worker thread that need not carry the test's MDC. A test's own clients are only interrupted
   * by their shutdown, after their errors were read, so such a line comes from an earlier test's client.
   */
  private static boolean mentionsInterruption(String message) {
    return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("interrupted");
  }

  /** ERROR lines no test declared. */
  List<String> unexpected() {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (expected.stream().noneMatch(p -> p.matcher(line).find())) {
        out.add(line);
      }
    }
    return out;
  }
}
