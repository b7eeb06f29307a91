package dev.nettool.servers.http;

import dev.nettool.protocols.event.EventSink;
import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/**
 * Puts the request limits around the HTTP codec: the raw head scanner before the codec and its framing
 * note after it; then the send timeout, keep-alive timeout, header timeout, (body stall timeout), the
 * decoder's verdict, (the body limits), and last the rejecter that answers what any of them refused. The
 * handlers in brackets come with the connection's first request that has a body: most connections never
 * send one, and every handler a request passes costs (about 0.5% of a small request's rate each).
 */
final class HttpLimits {
  private static final String VALIDATE = "validate";
  private static final String REJECT = "reject";
  private static final String HEADER_TIMEOUT = "header-timeout";

  private HttpLimits() {}

  /**
   * Puts the head scanner in front of the handler named {@code codec} and its framing note right after
   * it, then appends the rest at the end of the pipeline as it stands: what is added after them sees
   * only accepted requests. With the first request that has a body, the body limits go into their places
   * and then {@code moreBodyHandlers} is called for the exchange's own (the request inflater).
   */
  static void install(ChannelPipeline p, String codec, HttpServerConfig config, EventSink sink,
      Consumer<ChannelPipeline> moreBodyHandlers) {
    HttpHeadScanner scanner = new HttpHeadScanner(pipeline -> {
      bodyLimits(pipeline, config);
      moreBodyHandlers.accept(pipeline);
    });
    p.addBefore(codec, "head-scan", scanner);
    p.addAfter(codec, "head-framing", scanner.framing());
    p.addLast("send-timeout", new HttpSendTimeout(config.sendTimeout(), sink));
    p.addLast("keep-alive-timeout", new HttpKeepAliveTimeout(config.keepAliveTimeout(), sink));
    p.addLast(HEADER_TIMEOUT, new HttpHeaderTimeout(config.headerTimeout(), sink));
    p.addLast(VALIDATE, HttpRequestValidator.INSTANCE);
    p.addLast(REJECT, new HttpRejecter(sink));
  }

  /** An HTTP/1.1 connection's body stall timeout and body limits, where they belong among the others. */
  private static void bodyLimits(ChannelPipeline p, HttpServerConfig config) {
    p.addAfter(HEADER_TIMEOUT, "body-stall", new HttpBodyStallTimeout(config.headerTimeout()));
    p.addBefore(REJECT, "body-limit", new HttpBodyLimit(config.maxBody()));
    p.addBefore(REJECT, "inflated-limit", new HttpInflatedBodyLimit(config.maxBody()));
  }

  /**
   * The limits that apply to one HTTP/2 stream, appended at its end: the request's verdict and the
   * rejecter; {@link #bodyLimitsOnStream} puts the body limits between them when the request has a body.
   * The frame codec has already checked the framing and the header list size (431); the timeouts watch
   * bytes of a connection, which a stream does not own.
   */
  static void installOnStream(ChannelPipeline p, EventSink sink) {
    p.addLast(VALIDATE, HttpRequestValidator.INSTANCE);
    p.addLast(REJECT, new HttpRejecter(sink));
  }

  /** The body limits of an HTTP/2 stream, between the verdict and the rejecter, as on HTTP/1.1. */
  static void bodyLimitsOnStream(ChannelPipeline p, HttpServerConfig config) {
    p.addBefore(REJECT, "body-limit", new HttpBodyLimit(config.maxBody()));
    p.addBefore(REJECT, "inflated-limit", new HttpInflatedBodyLimit(config.maxBody()));
  }
}
