package dev.nettool.servers.http;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.servers.ws.WsHandshake;
import dev.nettool.servers.ws.WsHandshaker;
import dev.nettool.servers.ws.WsMode;
import dev.nettool.servers.ws.WsServerConfig;
import dev.nettool.servers.ws.WsSession;
import dev.nettool.servers.ws.WsSessionSettings;
import dev.nettool.servers.ws.WsUpgradeCheck;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * WebSocket on the HTTP server: {@code /ws/echo} and {@code /ws/broadcast} upgrade to the same session stack as
 * {@code ws-server} (default limits, no compression), and {@code /ws/chat} is a page that talks to the broadcast.
 * After the 101 the connection leaves HTTP: every HTTP handler (head scanner, limits, timeouts, dispatch) goes, and
 * the WebSocket session takes its place.
 */
final class HttpWsRoutes implements HttpRouteGroup {
  private final WsSession echo;
  private final WsSession broadcast;

  HttpWsRoutes(EventSink sink, Endpoint listen) {
    // Bytes are already counted per connection by the HTTP reporter: the sessions' own tally is not needed.
    this.echo = new WsSession(settings(WsMode.ECHO), sink, listen, (in, out) -> {});
    this.broadcast = new WsSession(settings(WsMode.BROADCAST), sink, listen, (in, out) -> {});
  }

  private static WsSessionSettings settings(WsMode mode) {
    return new WsSessionSettings(mode, WsServerConfig.DEFAULT_MAX_MESSAGE, null);
  }

  @Override
  public void addTo(HttpRouteTable.Builder table) {
    table.add(HttpMethod.GET, "/ws/echo", x -> upgrade(x, echo));
    table.add(HttpMethod.GET, "/ws/broadcast", x -> upgrade(x, broadcast));
    table.add(HttpMethod.GET, "/ws/chat", x -> x.respondHtml(HttpResponseStatus.OK, HttpWsChatPage.HTML));
  }

  private static void upgrade(HttpExchange x, WsSession session) {
    WsUpgradeCheck.Rejection refused = WsUpgradeCheck.check(x.request());
    if (refused != null) {
      x.closeAfterResponse();
      x.respond(refused.toResponse(x.request().protocolVersion()));
      return;
    }
    Channel ch = x.channel();
    FullHttpRequest request = new DefaultFullHttpRequest(x.request().protocolVersion(), x.method(),
        x.request().uri(), Unpooled.EMPTY_BUFFER, x.headers(), EmptyHttpHeaders.INSTANCE);
    WsHandshaker handshaker = new WsHandshaker(request.uri(), null, WsHandshaker.decoderConfig(
        WsServerConfig.DEFAULT_MAX_FRAME, WsServerConfig.DEFAULT_MAX_MESSAGE, false));
    List<String> http = httpHandlers(ch.pipeline());
    handshaker.handshake(ch, request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    http.forEach(name -> {
      if (ch.pipeline().context(name) != null) {
        ch.pipeline().remove(name);
      }
    });
    session.install(ch, new WsHandshake(x.path(), null, x.headers().get(HttpHeaderNames.ORIGIN)));
  }

  /**
   * The HTTP handlers the connection leaves behind: all after the connection reporter (which counts raw bytes and
   * stays) but the codec, which the handshake removes itself once the 101 is out. Taken before the handshake: its
   * write may complete, and the codec go, at once.
   */
  private static List<String> httpHandlers(ChannelPipeline p) {
    List<String> names = new ArrayList<>(p.names());
    int report = names.indexOf(p.context(HttpConnectionReporter.class).name());
    List<String> http = new ArrayList<>(names.subList(report + 1, names.size()));
    http.remove("codec");
    http.removeIf(name -> name.startsWith("DefaultChannelPipeline$TailContext"));
    return http;
  }
}
