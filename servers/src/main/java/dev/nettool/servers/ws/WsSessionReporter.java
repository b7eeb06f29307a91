package dev.nettool.servers.ws;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import dev.nettool.protocols.event.Verbosity;
import dev.nettool.protocols.server.Connections;
import dev.nettool.protocols.tls.TlsSessionFacts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports one session's life: {@code connection} (path, subprotocol, origin), each whole {@code message}, the
 * peer's {@code ping}/{@code pong}, and {@code close} with the code of the first Close frame either side sent
 * (1006 when none was). Counts payload bytes; plain fields, only this channel's event loop touches them.
 */
final class WsSessionReporter extends ChannelDuplexHandler {
  private final EventSink sink;
  private final Endpoint listen;
  private final WsHandshake handshake;
  private final WsSession.Tally tally;
  private long id;
  private long in;
  private long out;
  private long startNanos;
  private int closeCode = WebSocketCloseStatus.ABNORMAL_CLOSURE.code();
  private String closeReason;
  private String closedBy;

  WsSessionReporter(EventSink sink, Endpoint listen, WsHandshake handshake, WsSession.Tally tally) {
    this.sink = sink;
    this.listen = listen;
    this.handshake = handshake;
    this.tally = tally;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    startNanos = System.nanoTime();
    id = Connections.id(ctx.channel());
    if (sink.shows(Verbosity.NORMAL)) {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("path", handshake.path());
      putIfSet(facts, "subprotocol", handshake.subprotocol());
      putIfSet(facts, "origin", handshake.origin());
      SslHandler tls = ctx.pipeline().get(SslHandler.class);
      if (tls != null) {
        facts.putAll(TlsSessionFacts.server(tls.engine()));
      }
      sink.publish(NetEvents.connection(id, Connections.remote(ctx.channel(), listen), facts));
    }
  }

  private static void putIfSet(Map<String, Object> facts, String key, String value) {
    if (value != null && !value.isEmpty()) {
      facts.put(key, value);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
      ByteBuf content = ((ByteBufHolder) msg).content();
      in += content.readableBytes();
      if (sink.shows(Verbosity.NORMAL)) {
        boolean show = sink.shows(Verbosity.VERBOSE) || sink.hex();
        sink.publish(WsEvents.message(id, msg instanceof TextWebSocketFrame ? "text" : "binary",
            content.readableBytes(), show ? content : null, sink.hex()));
      }
    } else if (msg instanceof PingWebSocketFrame ping) {
      sink.publish(WsEvents.control("ping", id, ping.content().readableBytes()));
    } else if (msg instanceof PongWebSocketFrame pong) {
      sink.publish(WsEvents.control("pong", id, pong.content().readableBytes()));
    } else if (msg instanceof CloseWebSocketFrame close) {
      closing(close.statusCode() < 0 ? WebSocketCloseStatus.EMPTY.code() : close.statusCode(), close.reasonText(),
          "peer");
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
      out += ((ByteBufHolder) msg).content().readableBytes();
    } else if (msg instanceof CloseWebSocketFrame close) {
      closing(close.statusCode() < 0 ? WebSocketCloseStatus.EMPTY.code() : close.statusCode(), close.reasonText(),
          "server");
    }
    ctx.write(msg, promise);
  }

  // A violation found before this handler was answered there, with the code the exception carries.
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException corrupt) {
      closing(corrupt.closeStatus().code(), corrupt.getMessage(), "server");
    }
    ctx.fireExceptionCaught(cause);
  }

  private void closing(int code, String reason, String by) {
    if (closedBy == null) {
      closeCode = code;
      closeReason = reason;
      closedBy = by;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    sink.publish(WsEvents.close(id, closeCode, closeReason, closedBy, in, out,
        Duration.ofNanos(System.nanoTime() - startNanos)));
    tally.ended(in, out);
    ctx.fireChannelInactive();
  }
}
