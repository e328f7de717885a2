package dev.tiramisu.discordemu.web;

/** A driver API refusal: an HTTP status and a message the page shows as it is. */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String kind;

  HttpError(int status, String kind, String message) {
    super(message, null, false, false);
    this.status = status;
    this.kind = kind;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, "bad_request", message);
  }

  static HttpError notFound(String message) {
    return new HttpError(404, "not_found", message);
  }

  static HttpError forbidden(String message) {
    return new HttpError(403, "forbidden", message);
  }
}
