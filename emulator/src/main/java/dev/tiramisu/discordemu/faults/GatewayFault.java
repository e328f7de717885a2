package dev.tiramisu.discordemu.faults;

/**
 * A fault the gateway must act out, returned by {@link FaultInjector#onGatewayConnect} and {@link
 * FaultInjector#onGatewayDispatch}. The injector only decides; the gateway performs it.
 *
 * <p>On a dispatch, the recommended way is to act the fault out <em>instead of</em> sending that
 * dispatch, keeping the dispatch (with the sequence it was given) in the session's replay buffer: a
 * client that resumes then receives it, one that re-identifies does not, as on Discord.
 */
public sealed interface GatewayFault
    permits GatewayFault.Close,
        GatewayFault.RefuseConnection,
        GatewayFault.InvalidSession,
        GatewayFault.Reconnect {

  /** A short text for logs: {@code "close 4000"}, {@code "invalid session (resumable)"}. */
  String describe();

  /**
   * Close the connection. With {@link #abrupt()} (code 1006) close the TCP connection without a
   * close frame (1006 may not be sent in a frame: it means "closed abnormally"); otherwise send a
   * close frame with {@code code} and {@code reason}, e.g. 4000 "Unknown error." (JDA resumes),
   * 4009 "Session timed out." (JDA re-identifies), 4004 "Authentication failed." (JDA gives up).
   *
   * @param code 1006 for an abrupt drop, else a code a close frame may carry (1000-1003, 1007-1014,
   *     3000-4999)
   * @param reason reason text of the close frame; empty for none
   */
  record Close(int code, String reason) implements GatewayFault {
    public Close {
      boolean sendable =
          (code >= 1000 && code <= 1003)
              || (code >= 1007 && code <= 1014)
              || (code >= 3000 && code <= 4999);
      if (code != 1006 && !sendable) {
        throw new IllegalArgumentException("not a usable close code: " + code);
      }
      reason = reason == null ? "" : reason;
    }

    /** Drop the connection without a close frame. */
    public boolean abrupt() {
      return code == 1006;
    }

    @Override
    public String describe() {
      return abrupt() ? "drop (1006, no close frame)" : "close " + code;
    }
  }

  /**
   * Refuse a new gateway connection: answer the WebSocket upgrade request with this HTTP status
   * (the client sees a failed handshake and retries with its backoff).
   */
  record RefuseConnection(int httpStatus) implements GatewayFault {
    public RefuseConnection {
      if (httpStatus < 400 || httpStatus > 599) {
        throw new IllegalArgumentException("refuse with a 4xx/5xx status: " + httpStatus);
      }
    }

    @Override
    public String describe() {
      return "refuse connection " + httpStatus;
    }
  }

  /**
   * Send opcode 9 INVALID_SESSION; {@code resumable} is its {@code d}. The client then resumes
   * (true) or re-identifies (false), so a non-resumable one also ends the session server-side.
   */
  record InvalidSession(boolean resumable) implements GatewayFault {
    /** The payload to send as a text frame. */
    public String payload() {
      return "{\"op\":9,\"d\":" + resumable + ",\"s\":null,\"t\":null}";
    }

    @Override
    public String describe() {
      return resumable ? "invalid session (resumable)" : "invalid session (not resumable)";
    }
  }

  /**
   * Send opcode 7 RECONNECT. The client closes the connection and resumes on a new one; the server
   * should keep the session for resuming.
   */
  record Reconnect() implements GatewayFault {
    /** The payload to send as a text frame. */
    public String payload() {
      return "{\"op\":7,\"d\":null,\"s\":null,\"t\":null}";
    }

    @Override
    public String describe() {
      return "reconnect";
    }
  }
}
