package dev.nettool.protocols.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;

/**
 * Over TLS the peer finishes sending with close_notify, usually followed by its FIN: the handlers after this
 * one see either as one end of input ({@link ChannelInputShutdownEvent}), as in plain TCP.
 */
public final class TlsCloseAsEnd extends ChannelInboundHandlerAdapter {
  private boolean ended;

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    // A close that failed (a broken handshake) is no end of input; the error already says what happened.
    if (evt instanceof SslCloseCompletionEvent closed && closed.isSuccess() || evt == ChannelInputShutdownEvent.INSTANCE) {
      if (!ended) {
        ended = true;
        ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }
}
