package dev.nettool.clients.tcp;

import dev.nettool.protocols.event.EventSink;
import dev.nettool.protocols.event.NetEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.regex.Pattern;

/** The pipeline's tail: records the connection's first error for the result, reports it as an event, closes. */
final class TcpClientErrorReporter extends ChannelInboundHandlerAdapter {
  private static final Pattern NATIVE_PREFIX =
      Pattern.compile("^(?:\\w+ )?\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");
  private final EventSink sink;
  private final TcpClientState state;

  TcpClientErrorReporter(EventSink sink, TcpClientState state) {
    this.sink = sink;
    this.state = state;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Once the expectation is met, or the peer has finished, the exchange is over: a reset as the connection
    // closes (writes the peer no longer wanted) changes nothing about it.
    if (!state.expectationMet && !state.peerEnded && state.error == null) {
      String detail = describe(cause);
      sink.publish(NetEvents.error(TcpClientReporter.ID, "connection", detail));
      state.fail(detail);
    }
    ctx.close();
  }

  /**
   * The reason as the system says it ({@code Connection reset by peer}), without the prefix native transports
   * add ({@code sendAddress(..) failed with error(-104): }, {@code io_uring read(..) failed with error(-104): }).
   */
  static String describe(Throwable cause) {
    String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    msg = NATIVE_PREFIX.matcher(msg).replaceFirst("");
    // NIO says what the JDK says; the native transports, what the kernel says. Say it one way.
    return msg.equals("Connection reset") ? "Connection reset by peer" : msg;
  }
}
