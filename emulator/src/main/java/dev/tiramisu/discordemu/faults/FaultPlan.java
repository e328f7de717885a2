package dev.tiramisu.discordemu.faults;

import dev.tiramisu.discordemu.ratelimit.RateLimitScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable list of fault rules, for a {@link FaultInjector}.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.builder()
 *     // the 3rd, 4th and 5th message creates answer 503
 *     .onRequest("POST /channels/{channel.id}/messages").after(2).times(3).serverError(503)
 *     // every request: 10-50 ms more, drawn from the seed
 *     .onRequest("*").latency(10, 50)
 *     // a storm: the next 4 calls anywhere under /channels get a 429 of 1.5 s, global scope
 *     .onRequest("/channels/*").times(4)
 *         .rateLimited(Duration.ofMillis(1500), RateLimitScope.GLOBAL)
 *     // the first two connections of shard 0 are refused
 *     .onGatewayConnect(0).times(2).refuse()
 *     // after 10 dispatches of MESSAGE_CREATE, drop the connection once, without close frame
 *     .onGatewayDispatch(0, "MESSAGE_CREATE").after(10).times(1).drop()
 *     // 1 dispatch in 100, anywhere: op 7 RECONNECT
 *     .onGatewayDispatch().probability(0.01).reconnect()
 *     .build();
 * }</pre>
 *
 * <p>Every rule has a scope (route pattern; or shard and event type), and optionally:
 *
 * <ul>
 *   <li>{@code after(n)}: the first {@code n} requests/events in scope are left alone;
 *   <li>{@code probability(p)}: each later one is hit with probability {@code p}, drawn
 *       deterministically from the injector's seed, the rule's position and the request's rank
 *       within the rule's scope;
 *   <li>{@code times(n)}: at most {@code n} hits, then the rule is spent.
 * </ul>
 *
 * Without any of them a rule hits everything in its scope. Rules are tried in the order they were
 * added: every latency rule that hits adds its delay; the first response rule (5xx, 429) that hits
 * decides the response, and later response rules are not tried for that request (their counts of
 * requests in scope still advance). For gateway events the first rule that hits wins.
 */
public final class FaultPlan {

  private static final FaultPlan NONE = new FaultPlan(List.of());

  private final List<Rule> rules;

  private FaultPlan(List<Rule> rules) {
    this.rules = Collections.unmodifiableList(new ArrayList<>(rules));
  }

  /** No faults at all. */
  public static FaultPlan none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Number of rules. */
  public int size() {
    return rules.size();
  }

  List<Rule> rules() {
    return rules;
  }

  @Override
  public String toString() {
    return "FaultPlan" + rules;
  }

  enum Target {
    HTTP,
    GATEWAY_CONNECT,
    GATEWAY_DISPATCH
  }

  /** What an HTTP rule does. */
  sealed interface HttpAction permits Latency, Respond {}

  /** Delay of {@code min..max} ms (inclusive), uniform, drawn from the seed. */
  record Latency(long minMillis, long maxMillis) implements HttpAction {}

  /** Replace the response: a 5xx ({@code scope == null}) or a 429. */
  record Respond(int status, String body, RateLimitScope scope, long retryAfterMillis)
      implements HttpAction {}

  /** One rule; {@code index} is its position in the plan, part of its random draws. */
  record Rule(
      int index,
      Target target,
      RouteMatcher route,
      int shard,
      String eventType,
      long after,
      long times,
      double probability,
      HttpAction http,
      GatewayFault gateway) {

    boolean matchesShard(int shardId) {
      return shard < 0 || shard == shardId;
    }

    boolean matchesEvent(String type) {
      return eventType == null || eventType.equals(type);
    }

    String scope() {
      switch (target) {
        case HTTP:
          return route.toString();
        case GATEWAY_CONNECT:
          return "connect shard " + (shard < 0 ? "*" : Integer.toString(shard));
        default:
          return "dispatch shard "
              + (shard < 0 ? "*" : Integer.toString(shard))
              + ' '
              + (eventType == null ? "*" : eventType);
      }
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("#").append(index).append(' ').append(scope());
      if (after > 0) {
        sb.append(" after ").append(after);
      }
      if (times >= 0) {
        sb.append(" times ").append(times);
      }
      if (probability < 1.0) {
        sb.append(" p=").append(probability);
      }
      return sb.append(" -> ").append(http != null ? http : gateway.describe()).toString();
    }
  }

  /** Collects rules; each {@code on...} call starts one, ended by its action method. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();

    private Builder() {}

    /**
     * A rule for REST requests whose route matches {@code pattern}: {@code "*"}, {@code
     * "/template"}, {@code "METHOD /template"}, {@code "METHOD *"}, or a template with {@code *}
     * wildcards. Placeholder names do not matter ({@code {channel.id}} = {@code {channel_id}}).
     */
    public RequestRule onRequest(String pattern) {
      return new RequestRule(this, RouteMatcher.parse(Objects.requireNonNull(pattern, "pattern")));
    }

    /** A rule for REST requests with this method and route template. */
    public RequestRule onRequest(String method, String template) {
      return onRequest(method + ' ' + template);
    }

    /** A rule for new gateway connections of any shard. */
    public ConnectRule onGatewayConnect() {
      return new ConnectRule(this, -1);
    }

    /** A rule for new gateway connections of one shard. */
    public ConnectRule onGatewayConnect(int shardId) {
      return new ConnectRule(this, checkShard(shardId));
    }

    /** A rule for every dispatch (op 0) of any shard. */
    public DispatchRule onGatewayDispatch() {
      return new DispatchRule(this, -1, null);
    }

    /** A rule for dispatches of one event type ({@code "MESSAGE_CREATE"}), any shard. */
    public DispatchRule onGatewayDispatch(String eventType) {
      return new DispatchRule(this, -1, eventOrAny(eventType));
    }

    /** A rule for dispatches of one shard and event type; {@code "*"} or null: any type. */
    public DispatchRule onGatewayDispatch(int shardId, String eventType) {
      return new DispatchRule(this, checkShard(shardId), eventOrAny(eventType));
    }

    public FaultPlan build() {
      return rules.isEmpty() ? NONE : new FaultPlan(rules);
    }

    private Builder add(
        RuleBuilder<?> rb,
        Target target,
        RouteMatcher route,
        int shard,
        String event,
        HttpAction http,
        GatewayFault gateway) {
      rules.add(
          new Rule(
              rules.size(),
              target,
              route,
              shard,
              event,
              rb.after,
              rb.times,
              rb.probability,
              http,
              gateway));
      return this;
    }

    private static int checkShard(int shardId) {
      if (shardId < 0) {
        throw new IllegalArgumentException("shard id must not be negative: " + shardId);
      }
      return shardId;
    }

    private static String eventOrAny(String eventType) {
      return eventType == null || eventType.equals("*") ? null : eventType;
    }
  }

  /**
   * The options every rule has. Call any of them, then exactly one action method, which returns the
   * plan builder.
   */
  public abstract static class RuleBuilder<B extends RuleBuilder<B>> {
    final Builder plan;
    long after;
    long times = -1;
    double probability = 1.0;
    private boolean done;

    RuleBuilder(Builder plan) {
      this.plan = plan;
    }

    abstract B self();

    /** Leave the first {@code n} requests or events in scope alone. */
    public B after(long n) {
      if (n < 0) {
        throw new IllegalArgumentException("after must not be negative: " + n);
      }
      this.after = n;
      return self();
    }

    /** Hit at most {@code n} times (the next {@code n} in scope, unless a probability is set). */
    public B times(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("times must be at least 1: " + n);
      }
      this.times = n;
      return self();
    }

    /** Hit each request or event in scope with probability {@code p}, {@code 0 < p <= 1}. */
    public B probability(double p) {
      if (!(p > 0.0 && p <= 1.0)) {
        throw new IllegalArgumentException("probability must be in (0, 1]: " + p);
      }
      this.probability = p;
      return self();
    }

    final void finish() {
      if (done) {
        throw new IllegalStateException("this rule already has its action");
      }
      done = true;
    }
  }

  /** A REST rule; end it with one action. */
  public static final class RequestRule extends RuleBuilder<RequestRule> {
    private final RouteMatcher route;

    RequestRule(Builder plan, RouteMatcher route) {
      super(plan);
      this.route = route;
    }

    @Override
    RequestRule self() {
      return this;
    }

    /** Delay the response by {@code millis}. */
    public Builder latency(long millis) {
      return latency(millis, millis);
    }

    /** Delay the response by a seeded uniform draw in {@code [minMillis, maxMillis]}. */
    public Builder latency(long minMillis, long maxMillis) {
      if (minMillis < 0 || maxMillis < minMillis) {
        throw new IllegalArgumentException("latency range: " + minMillis + ".." + maxMillis);
      }
      if (maxMillis == 0) {
        throw new IllegalArgumentException("latency of 0 ms does nothing");
      }
      return add(new Latency(minMillis, maxMillis));
    }

    /**
     * Answer with a 5xx (500, 502, 503, 504, ...) and Discord's JSON error body, {@code {"message":
     * "503: Service Unavailable", "code": 0}}. Note JDA retries 502, 503 and 504 up to three times
     * by itself before it gives up.
     */
    public Builder serverError(int status) {
      return serverError(status, FaultResponses.serverErrorBody(status));
    }

    /** Answer with a 5xx and this body (sent as {@code application/json}). */
    public Builder serverError(int status, String jsonBody) {
      if (status < 500 || status > 599) {
        throw new IllegalArgumentException("a server error is a 5xx: " + status);
      }
      return add(new Respond(status, Objects.requireNonNull(jsonBody, "jsonBody"), null, 0));
    }

    /**
     * Answer with a 429 in Discord's format (see {@code RateLimitResponses}), {@code retry_after} =
     * {@code retryAfter}. Combine with {@link #times} for a burst ("storm").
     */
    public Builder rateLimited(Duration retryAfter, RateLimitScope scope) {
      long ms = retryAfter.toMillis();
      if (ms < 1) {
        throw new IllegalArgumentException("retry after must be at least 1 ms: " + retryAfter);
      }
      return add(new Respond(429, null, Objects.requireNonNull(scope, "scope"), ms));
    }

    private Builder add(HttpAction action) {
      finish();
      return plan.add(this, Target.HTTP, route, -1, null, action, null);
    }
  }

  /** A rule on new gateway connections; end it with one action. */
  public static final class ConnectRule extends RuleBuilder<ConnectRule> {
    private final int shard;

    ConnectRule(Builder plan, int shard) {
      super(plan);
      this.shard = shard;
    }

    @Override
    ConnectRule self() {
      return this;
    }

    /** Refuse the WebSocket upgrade with 503. */
    public Builder refuse() {
      return refuse(503);
    }

    /** Refuse the WebSocket upgrade with this status. */
    public Builder refuse(int httpStatus) {
      return add(new GatewayFault.RefuseConnection(httpStatus));
    }

    /** Accept the connection, then close it at once (1006: drop it without close frame). */
    public Builder close(int code, String reason) {
      return add(new GatewayFault.Close(code, reason));
    }

    private Builder add(GatewayFault fault) {
      finish();
      return plan.add(this, Target.GATEWAY_CONNECT, null, shard, null, null, fault);
    }
  }

  /** A rule on gateway dispatches; end it with one action. */
  public static final class DispatchRule extends RuleBuilder<DispatchRule> {
    private final int shard;
    private final String eventType;

    DispatchRule(Builder plan, int shard, String eventType) {
      super(plan);
      this.shard = shard;
      this.eventType = eventType;
    }

    @Override
    DispatchRule self() {
      return this;
    }

    /** Close the connection with a close frame ({@code 4000}, ...), or abruptly for 1006. */
    public Builder close(int code, String reason) {
      return add(new GatewayFault.Close(code, reason));
    }

    /** Drop the connection without a close frame (the client sees 1006). */
    public Builder drop() {
      return add(new GatewayFault.Close(1006, ""));
    }

    /** Send op 9 INVALID_SESSION with {@code d = resumable}. */
    public Builder invalidSession(boolean resumable) {
      return add(new GatewayFault.InvalidSession(resumable));
    }

    /** Send op 7 RECONNECT. */
    public Builder reconnect() {
      return add(new GatewayFault.Reconnect());
    }

    private Builder add(GatewayFault fault) {
      finish();
      return plan.add(this, Target.GATEWAY_DISPATCH, null, shard, eventType, null, fault);
    }
  }
}
