package dev.nettool.servers.http;

import dev.nettool.protocols.event.EventSink;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Puts the request limits around the HTTP codec, in this order: the raw head scanner before the codec;
 * after it the framing note, send timeout, keep-alive timeout, header timeout, body stall timeout,
 * the decoder's verdict, the body limits, and last the rejecter that answers what any of them refused.
 */
final class HttpLimits {
  private HttpLimits() {}

  /** Adds the limits around the handler named {@code codec}; what follows them sees only accepted requests. */
  static void install(ChannelPipeline p, String codec, HttpServerConfig config, EventSink sink) {
    HttpHeadScanner scanner = new HttpHeadScanner();
    p.addBefore(codec, "head-scan", scanner);
    p.addAfter(codec, "head-framing", scanner.framing());
    p.addAfter("head-framing", "send-idle",
        new IdleStateHandler(true, 0, config.sendTimeout().toNanos(), 0, TimeUnit.NANOSECONDS));
    p.addAfter("send-idle", "send-timeout", new HttpSendTimeoutCloser(config.sendTimeout(), sink));
    p.addAfter("send-timeout", "keep-alive-timeout", new HttpKeepAliveTimeout(config.keepAliveTimeout(), sink));
    p.addAfter("keep-alive-timeout", "header-timeout", new HttpHeaderTimeout(config.headerTimeout(), sink));
    p.addAfter("header-timeout", "body-stall", new HttpBodyStallTimeout(config.headerTimeout()));
    p.addAfter("body-stall", "validate", HttpRequestValidator.INSTANCE);
    p.addAfter("validate", "body-limit", new HttpBodyLimit(config.maxBody()));
    p.addAfter("body-limit", "inflated-limit", new HttpInflatedBodyLimit(config.maxBody()));
    p.addAfter("inflated-limit", "reject", new HttpRejecter(sink));
  }
}
