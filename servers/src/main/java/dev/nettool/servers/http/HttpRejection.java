package dev.nettool.servers.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request refused by a limit: the status to answer and the reason to name. Raised through the
 * pipeline ({@code fireExceptionCaught}) to the {@link HttpRejecter}, which answers it; it carries no
 * stack trace because it is an answer, not a fault.
 */
final class HttpRejection extends RuntimeException {
  private final HttpResponseStatus status;

  HttpRejection(HttpResponseStatus status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  HttpResponseStatus status() {
    return status;
  }

  String reason() {
    return getMessage();
  }

  /** The one line that names it, in the event and as the response body: {@code 400 Bad Request: ...}. */
  String line() {
    return status.code() + " " + status.reasonPhrase() + ": " + reason();
  }
}
