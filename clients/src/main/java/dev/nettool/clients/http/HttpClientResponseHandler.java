package dev.nettool.clients.http;

import dev.nettool.clients.http.HttpClientExchange.BodyTarget;
import dev.nettool.clients.tcp.TcpClientOutputPump;
import dev.nettool.protocols.ExitCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Receives the response: records its head, decides where its body goes (the output, kept for the result, or
 * dropped for a redirect being followed or a {@code --fail}ed status), moves the body there, and ends the
 * exchange at the last chunk. A response the decoder could not parse, or one cut short by the peer's close,
 * ends it as a protocol error.
 */
final class HttpClientResponseHandler extends ChannelInboundHandlerAdapter {
  private static final int MAX_KEPT_COMPONENTS = 1024;
  private final HttpClientConfig config;
  private final HttpClientExchange exchange;
  private final TcpClientOutputPump pump;
  private boolean informational;

  HttpClientResponseHandler(HttpClientConfig config, HttpClientExchange exchange, TcpClientOutputPump pump) {
    this.config = config;
    this.exchange = exchange;
    this.pump = pump;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (exchange.isDone()) {
        return;
      }
      if (msg instanceof DecoderResultProvider p && p.decoderResult().isFailure()) {
        malformed(ctx, p.decoderResult());
        return;
      }
      if (msg instanceof HttpResponse response) {
        head(ctx, response);
      }
      if (msg instanceof HttpContent content && !informational) {
        body(ctx, content.content());
      }
      if (msg instanceof LastHttpContent) {
        if (informational) {
          informational = false; // a 100 Continue: the real response follows
        } else {
          exchange.finish();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void head(ChannelHandlerContext ctx, HttpResponse response) {
    int status = response.status().code();
    informational = status / 100 == 1 && status != 101;
    if (informational) {
      return;
    }
    exchange.head(response);
    exchange.target = target(status, response.headers().get(HttpHeaderNames.LOCATION));
    if (config.includeHead() && pump != null) {
      pump.offer(ctx.channel(), Unpooled.copiedBuffer(HttpClientEvents.head(response), StandardCharsets.ISO_8859_1));
    }
  }

  private BodyTarget target(int status, String location) {
    if (HttpClient.follows(config, status, location) || config.failOnError() && status >= 400) {
      return BodyTarget.DISCARD;
    }
    return config.aggregate() ? BodyTarget.KEEP : BodyTarget.OUTPUT;
  }

  private void body(ChannelHandlerContext ctx, ByteBuf content) {
    int n = content.readableBytes();
    if (n == 0 || exchange.target == BodyTarget.DISCARD) {
      return;
    }
    exchange.bodyBytes += n;
    long limit = config.bodyLimit();
    if (limit > 0 && exchange.bodyBytes > limit) {
      exchange.fail(ExitCode.FAILURE, "response too large", "the body of " + exchange.request.url()
          + " is over " + limit + " bytes");
      ctx.close();
      return;
    }
    if (exchange.target == BodyTarget.KEEP) {
      exchange.keep(content, MAX_KEPT_COMPONENTS);
    } else {
      pump.offer(ctx.channel(), content.retain());
    }
  }

  private void malformed(ChannelHandlerContext ctx, DecoderResult result) {
    Throwable cause = result.cause();
    String detail = cause instanceof PrematureChannelClosureException
        ? "the connection closed before the response ended"
        : String.valueOf(cause.getMessage());
    exchange.fail(ExitCode.PROTOCOL, "malformed response from " + exchange.request.url(), detail);
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!exchange.isDone()) {
      exchange.fail(ExitCode.PROTOCOL, "malformed response from " + exchange.request.url(), exchange.hasHead()
          ? "the connection closed before the response ended" : "the connection closed without a response");
    }
    ctx.fireChannelInactive();
  }
}
