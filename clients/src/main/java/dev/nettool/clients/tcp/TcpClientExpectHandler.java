package dev.nettool.clients.tcp;

import dev.nettool.protocols.expect.Expectation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Watches received bytes for the expectation and closes the connection as soon as it is met. The chunk that
 * meets it is passed on first, so it still reaches the output; anything read after that is dropped.
 */
final class TcpClientExpectHandler extends ChannelInboundHandlerAdapter {
  private final Expectation expectation;
  private final TcpClientState state;

  TcpClientExpectHandler(Expectation expectation, TcpClientState state) {
    this.expectation = expectation;
    this.state = state;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (state.expectationMet) {
      ReferenceCountUtil.release(msg);
      return;
    }
    boolean met = msg instanceof ByteBuf buf
        && expectation.feed(buf.toString(buf.readerIndex(), buf.readableBytes(), StandardCharsets.UTF_8));
    ctx.fireChannelRead(msg);
    if (met) {
      state.expectationMet = true;
      ctx.close();
    }
  }
}
