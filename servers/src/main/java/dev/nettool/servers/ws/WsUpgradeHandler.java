package dev.nettool.servers.ws;

import dev.nettool.protocols.event.ErrorDetail;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.server.Connections;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.util.List;
import java.util.Map;

/**
 * Completes the opening handshake of a request at the server's path (choosing the subprotocol), installs the
 * session and steps aside; anything else is answered with a real HTTP status ({@link WsUpgradeCheck}, 404 for
 * another path) and closed.
 */
final class WsUpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final String path;
  private final String subprotocols;
  private final WebSocketDecoderConfig decoder;
  private final WsSession session;
  private final EventSink sink;

  WsUpgradeHandler(String path, List<String> subprotocols, WebSocketDecoderConfig decoder, WsSession session,
      EventSink sink) {
    this.path = path;
    this.subprotocols = subprotocols.isEmpty() ? null : String.join(",", subprotocols);
    this.decoder = decoder;
    this.session = session;
    this.sink = sink;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String requestPath = new QueryStringDecoder(request.uri()).path();
    WsUpgradeCheck.Rejection refused = !requestPath.equals(path)
        ? new WsUpgradeCheck.Rejection(HttpResponseStatus.NOT_FOUND, "no WebSocket at this path", Map.of())
        : WsUpgradeCheck.check(request);
    if (refused != null) {
      sink.publish(WsEvents.reject(Connections.id(ctx.channel()), refused.status().code(), request.method().name(),
          request.uri(), refused.reason()));
      ctx.writeAndFlush(refused.toResponse(request.protocolVersion())).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    WebSocketServerHandshaker handshaker = new WsHandshaker(request.uri(), subprotocols, decoder);
    handshaker.handshake(ctx.channel(), request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    session.install(ctx.channel(), new WsHandshake(requestPath, handshaker.selectedSubprotocol(),
        request.headers().get(HttpHeaderNames.ORIGIN)));
    ctx.pipeline().remove(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    sink.publish(NetEvents.error(Connections.id(ctx.channel()), "connection", ErrorDetail.of(cause)));
    ctx.close();
  }
}
