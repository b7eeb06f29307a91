package dev.nettool.servers.ws;

import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The RFC 6455 session stack, installed into a pipeline whose opening handshake is done (the frame codec is in
 * place): reserved bits, Close bodies, UTF-8, reassembly, events, ping interval, control frames, back-pressure, the mode, errors.
 * One instance serves every session of a server or of an HTTP route; broadcast reaches the sessions of that one.
 */
public final class WsSession {
  /** Set on a channel once it became a WebSocket session. */
  public static final AttributeKey<Boolean> STARTED = AttributeKey.valueOf("nettool.ws.session");

  private final WsSessionSettings settings;
  private final EventSink sink;
  private final Endpoint listen;
  private final Tally tally;
  private final ChannelGroup sessions = new DefaultChannelGroup("ws-sessions", GlobalEventExecutor.INSTANCE);
  private final ChannelHandler mode;

  /** Told the payload bytes of each session when it ended. */
  @FunctionalInterface
  public interface Tally {
    void ended(long bytesIn, long bytesOut);
  }

  public WsSession(WsSessionSettings settings, EventSink sink, Endpoint listen, Tally tally) {
    this.settings = settings;
    this.sink = sink;
    this.listen = listen;
    this.tally = tally;
    this.mode = switch (settings.mode()) {
      case BROADCAST -> new WsBroadcastHandler(sessions);
      case DISCARD -> WsDiscardHandler.INSTANCE;
      case ECHO -> WsEchoHandler.INSTANCE;
    };
  }

  /** Adds the session handlers at the end of {@code ch}'s pipeline and publishes the connection event. */
  public void install(Channel ch, WsHandshake handshake) {
    ch.attr(STARTED).set(Boolean.TRUE);
    ChannelPipeline p = ch.pipeline();
    p.addLast("ws-gate", new WsCloseGate());
    p.addLast("ws-rsv", WsReservedBitsGuard.INSTANCE);
    p.addLast("ws-close-check", WsCloseFrameCheck.INSTANCE);
    p.addLast("ws-utf8", new Utf8FrameValidator(true));
    p.addLast("ws-aggregate", new WebSocketFrameAggregator(settings.maxMessage()));
    p.addLast("ws-report", new WsSessionReporter(sink, listen, handshake, tally));
    if (settings.pingInterval() != null) {
      p.addLast("ws-heartbeat", new WsHeartbeat(settings.pingInterval(), sink));
    }
    p.addLast("ws-control", WsControlHandler.INSTANCE);
    p.addLast("ws-back-pressure", WsBackPressure.INSTANCE);
    p.addLast("ws-mode", mode);
    p.addLast("ws-errors", new WsErrorCloser(sink));
    sessions.add(ch);
  }

  /** Starts the closing handshake of every open session with 1001 (going away) and waits up to a second to send it. */
  public void goingAway() {
    ChannelGroupFuture sent = sessions.writeAndFlush(
        new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "server stopping"));
    sent.awaitUninterruptibly(1, TimeUnit.SECONDS);
  }

  /** Sessions open right now. */
  public int open() {
    return sessions.size();
  }
}
