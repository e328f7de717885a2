package dev.tiramisu.discordemu.faults;

import dev.tiramisu.discordemu.faults.FaultPlan.HttpAction;
import dev.tiramisu.discordemu.faults.FaultPlan.Latency;
import dev.tiramisu.discordemu.faults.FaultPlan.Respond;
import dev.tiramisu.discordemu.faults.FaultPlan.Rule;
import dev.tiramisu.discordemu.faults.FaultPlan.Target;
import dev.tiramisu.discordemu.ratelimit.Decision;
import dev.tiramisu.discordemu.ratelimit.RateLimitResponses;
import dev.tiramisu.discordemu.ratelimit.RouteTemplates;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a {@link FaultPlan} to the emulator's traffic, deterministically from a seed.
 *
 * <h2>How the server uses it</h2>
 *
 * <pre>{@code
 * // REST, once the route template is known, before the rate limiter:
 * Optional<HttpFault> f = faults.onRequest(method, "/channels/{channel.id}/messages");
 * long delay = f.map(HttpFault::latencyMillis).orElse(0L);
 * if (f.isPresent() && f.get().hasResponse()) {
 *   respondLater(delay, f.get().response());        // status, headers, body; not handled
 * } else {
 *   Decision d = limiter.check(...);                 // then handle or 429 as usual,
 *   respondLater(delay, ...);                        // the response going out delay ms later
 * }
 *
 * // Gateway: when a client opens a connection (before upgrading), and before each dispatch:
 * faults.onGatewayConnect(shardId)                    // RefuseConnection or Close
 * faults.onGatewayDispatch(shardId, "MESSAGE_CREATE", seq) // Close, InvalidSession, Reconnect
 * }</pre>
 *
 * <p><b>Latency is returned, never slept</b>: see {@link HttpFault}. Nothing in this class blocks
 * or reads a clock.
 *
 * <h2>Determinism</h2>
 *
 * Whether a rule hits, and a drawn latency, depend only on the seed, the rule's position in the
 * plan and how many requests/events in the rule's scope came before. So the same seed and the same
 * sequence of calls give the same faults, and traffic outside a rule's scope never shifts that
 * rule's faults. With requests arriving concurrently on several routes the sequence per rule scope
 * is what must repeat.
 *
 * <p>Thread-safe. {@link #replace} swaps the plan atomically and starts its counts afresh.
 */
public final class FaultInjector {

  /** Entries kept in {@link #injected()}; older ones are dropped first. */
  public static final int LOG_CAPACITY = 10_000;

  private final long seed;
  private volatile Active active;
  private final Map<String, String[]> routeKeys = new ConcurrentHashMap<>();
  private final Deque<String> log = new ArrayDeque<>();

  public FaultInjector(FaultPlan plan, long seed) {
    this.seed = seed;
    this.active = new Active(Objects.requireNonNull(plan, "plan"));
  }

  /** An injector that injects nothing (until {@link #replace}d). */
  public static FaultInjector none() {
    return new FaultInjector(FaultPlan.none(), 0);
  }

  public long seed() {
    return seed;
  }

  /** The plan in force. */
  public FaultPlan plan() {
    return active.plan;
  }

  /** Replaces the plan from now on; the new plan's rules start with fresh counts. */
  public void replace(FaultPlan plan) {
    Active next = new Active(Objects.requireNonNull(plan, "plan"));
    synchronized (log) {
      active = next;
      append("replace plan: " + plan.size() + " rule(s)");
    }
  }

  /**
   * The fault for one REST request, if any.
   *
   * @param method HTTP method
   * @param routeTemplate the matched route template (see {@code RouteTemplates} for accepted
   *     spellings)
   */
  public Optional<HttpFault> onRequest(String method, String routeTemplate) {
    Active a = active;
    if (a.http.length == 0) {
      return Optional.empty();
    }
    String[] key = routeKey(method, routeTemplate);
    String m = key[0];
    String template = key[1];
    synchronized (a) {
      long latency = 0;
      Decision response = null;
      StringBuilder what = null;
      for (RuleState rs : a.http) {
        Rule r = rs.rule;
        if (!r.route().matches(m, template)) {
          continue;
        }
        long n = ++rs.matches;
        boolean isResponse = r.http() instanceof Respond;
        if (isResponse && response != null) {
          continue; // one response per request; this rule's count of requests still advanced
        }
        if (!rs.hits(seed, n)) {
          continue;
        }
        rs.fired++;
        String effect;
        HttpAction action = r.http();
        if (action instanceof Latency) {
          Latency l = (Latency) action;
          long ms = l.minMillis() + draw(seed, r.index(), n, 1, l.maxMillis() - l.minMillis() + 1);
          latency += ms;
          effect = "latency " + ms + "ms";
        } else {
          Respond resp = (Respond) action;
          if (resp.scope() == null) {
            response = FaultResponses.serverError(resp.status(), resp.body());
            effect = "status " + resp.status();
          } else {
            response = FaultResponses.rateLimited(resp.scope(), resp.retryAfterMillis());
            effect =
                "429 "
                    + resp.scope().headerValue()
                    + " retry_after "
                    + RateLimitResponses.seconds(resp.retryAfterMillis());
          }
        }
        String entry =
            "http "
                + m
                + ' '
                + routeTemplate
                + " [rule #"
                + r.index()
                + ", match "
                + n
                + "]: "
                + effect;
        what = what == null ? new StringBuilder(entry) : what.append("; ").append(entry);
        log(entry);
      }
      if (latency == 0 && response == null) {
        return Optional.empty();
      }
      return Optional.of(new HttpFault(latency, response, what.toString()));
    }
  }

  /**
   * The fault for a new gateway connection of {@code shardId}, if any: {@link
   * GatewayFault.RefuseConnection} (answer the upgrade with that status) or {@link
   * GatewayFault.Close} (accept, then close at once).
   */
  public Optional<GatewayFault> onGatewayConnect(int shardId) {
    Active a = active;
    if (a.connect.length == 0) {
      return Optional.empty();
    }
    return gateway(a, a.connect, shardId, null, "gateway connect shard " + shardId);
  }

  /**
   * The fault to act out in place of one dispatch (op 0), if any: {@link GatewayFault.Close},
   * {@link GatewayFault.InvalidSession} or {@link GatewayFault.Reconnect}. See {@link GatewayFault}
   * for what the gateway should do with the dispatch itself.
   *
   * @param eventType the dispatch's {@code t}, e.g. {@code "MESSAGE_CREATE"}
   * @param sequence the dispatch's {@code s} (for the log)
   */
  public Optional<GatewayFault> onGatewayDispatch(int shardId, String eventType, long sequence) {
    Active a = active;
    if (a.dispatch.length == 0) {
      return Optional.empty();
    }
    return gateway(
        a,
        a.dispatch,
        shardId,
        eventType,
        "gateway dispatch shard " + shardId + ' ' + eventType + " s=" + sequence);
  }

  private final List<Gate> gates = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * A gate that holds the next REST request matching {@code route} (a pattern as in {@link
   * FaultPlan.Builder#onRequest(String)}: {@code "POST /channels/{channel.id}/threads"}) until released. Gates are
   * independent of the plan: {@link #replace} keeps them.
   */
  public Gate gate(String route) {
    return gate(route, 1);
  }

  /** A gate that holds the {@code nth} request (1-based) matching {@code route} from now on. */
  public Gate gate(String route, int nth) {
    Gate g = new Gate(route, nth);
    gates.add(g);
    return g;
  }

  /**
   * Called by the server for a fully received request before it is processed: blocks while a gate holds it.
   *
   * @return what the server runs once the request was processed, or null when no gate took it
   */
  public Runnable holdAtGates(String method, String routeTemplate, String path) {
    if (gates.isEmpty()) {
      return null;
    }
    String[] key = routeKey(method, routeTemplate);
    List<Gate> took = new ArrayList<>(1);
    for (Gate g : gates) {
      if (g.take(key[0], key[1], path)) {
        took.add(g);
      }
    }
    if (took.isEmpty()) {
      return null;
    }
    return () -> took.forEach(g -> {
      g.processed();
      gates.remove(g);
    });
  }

  /** Releases every gate and forgets them (the emulator resets or closes): nothing stays blocked. */
  public void releaseGates() {
    for (Gate g : gates) {
      g.close();
    }
    gates.clear();
  }

  /** What was injected, oldest first: one line per fault (and per {@link #replace}). */
  public List<String> injected() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** Empties the {@link #injected()} log. */
  public void clearInjected() {
    synchronized (log) {
      log.clear();
    }
  }

  private Optional<GatewayFault> gateway(
      Active a, RuleState[] rules, int shardId, String eventType, String what) {
    synchronized (a) {
      GatewayFault chosen = null;
      for (RuleState rs : rules) {
        Rule r = rs.rule;
        if (!r.matchesShard(shardId) || !r.matchesEvent(eventType)) {
          continue;
        }
        long n = ++rs.matches;
        if (chosen != null || !rs.hits(seed, n)) {
          continue;
        }
        rs.fired++;
        chosen = r.gateway();
        log(what + " [rule #" + r.index() + ", match " + n + "]: " + chosen.describe());
      }
      return Optional.ofNullable(chosen);
    }
  }

  private String[] routeKey(String method, String template) {
    String raw = method + ' ' + template;
    String[] key = routeKeys.get(raw);
    if (key == null) {
      key =
          routeKeys.computeIfAbsent(
              raw,
              k ->
                  new String[] {
                    method.trim().toUpperCase(Locale.ROOT), RouteTemplates.normalize(template)
                  });
    }
    return key;
  }

  private void log(String entry) {
    synchronized (log) {
      append(entry);
    }
  }

  private void append(String entry) {
    if (log.size() == LOG_CAPACITY) {
      log.removeFirst();
    }
    log.addLast(entry);
  }

  /**
   * A draw in {@code [0, bound)} that depends only on its arguments. {@code salt} separates the
   * draws made for one request (0: does it hit; 1: latency).
   */
  static long draw(long seed, int rule, long n, int salt, long bound) {
    long h = mix(seed, rule, n, salt);
    return Long.remainderUnsigned(h, bound);
  }

  /** A uniform double in [0, 1) from the same inputs. */
  static double uniform(long seed, int rule, long n, int salt) {
    return (mix(seed, rule, n, salt) >>> 11) * 0x1.0p-53;
  }

  private static long mix(long seed, int rule, long n, int salt) {
    long h = fmix(seed ^ 0x6A09E667F3BCC909L);
    h = fmix(h ^ rule);
    h = fmix(h ^ n);
    return fmix(h ^ salt);
  }

  /** SplitMix64's finalizer: a bijection that spreads every input bit over the output. */
  private static long fmix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A plan with its counters. Counters are guarded by this object's monitor. */
  private static final class Active {
    final FaultPlan plan;
    final RuleState[] http;
    final RuleState[] connect;
    final RuleState[] dispatch;

    Active(FaultPlan plan) {
      this.plan = plan;
      List<RuleState> h = new ArrayList<>();
      List<RuleState> c = new ArrayList<>();
      List<RuleState> d = new ArrayList<>();
      for (Rule r : plan.rules()) {
        RuleState rs = new RuleState(r);
        (r.target() == Target.HTTP ? h : r.target() == Target.GATEWAY_CONNECT ? c : d).add(rs);
      }
      this.http = h.toArray(new RuleState[0]);
      this.connect = c.toArray(new RuleState[0]);
      this.dispatch = d.toArray(new RuleState[0]);
    }
  }

  private static final class RuleState {
    final Rule rule;
    long matches;
    long fired;

    RuleState(Rule rule) {
      this.rule = rule;
    }

    /** Whether the {@code n}-th request in scope (1-based) is hit. Does not count the hit. */
    boolean hits(long seed, long n) {
      if (n <= rule.after()) {
        return false;
      }
      if (rule.times() >= 0 && fired >= rule.times()) {
        return false;
      }
      return rule.probability() >= 1.0 || uniform(seed, rule.index(), n, 0) < rule.probability();
    }
  }
}
