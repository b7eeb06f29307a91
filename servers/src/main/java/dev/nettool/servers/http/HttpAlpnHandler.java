package dev.nettool.servers.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import java.util.List;
import java.util.function.Consumer;

/**
 * Waits for the TLS handshake, then keeps HTTP/1.1 or switches the pipeline to HTTP/2, as ALPN settled (a
 * client that asked for nothing gets HTTP/1.1). A failed handshake was reported by the connection reporter.
 */
final class HttpAlpnHandler extends ApplicationProtocolNegotiationHandler {
  /** The protocols offered, the preferred first. */
  static final List<String> OFFERED = List.of(ApplicationProtocolNames.HTTP_2,
      ApplicationProtocolNames.HTTP_1_1);

  private final Consumer<ChannelPipeline> toHttp2;

  HttpAlpnHandler(Consumer<ChannelPipeline> toHttp2) {
    super(ApplicationProtocolNames.HTTP_1_1);
    this.toHttp2 = toHttp2;
  }

  @Override
  protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
      toHttp2.accept(ctx.pipeline());
    }
  }

  @Override
  protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  // Netty's version logs a warning; here every error goes on to the pipeline's error reporter.
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.fireExceptionCaught(cause);
  }
}
