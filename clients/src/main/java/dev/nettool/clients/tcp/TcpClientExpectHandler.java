package dev.nettool.clients.tcp;

import dev.nettool.protocols.expect.Expectation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Watches received bytes for the expectation and closes the connection as soon as it is met. The chunk that
 * meets it is passed on first, so it still reaches the output; anything read after that is dropped. Bytes are
 * decoded as UTF-8 with the decoder's state kept between reads, so a character split by the network still
 * matches.
 */
final class TcpClientExpectHandler extends ChannelInboundHandlerAdapter {
  private final Expectation expectation;
  private final TcpClientState state;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer carry = ByteBuffer.allocate(0);

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
    boolean met = msg instanceof ByteBuf buf && expectation.feed(decode(buf));
    ctx.fireChannelRead(msg);
    if (met) {
      state.expectationMet = true;
      ctx.close();
    }
  }

  private CharSequence decode(ByteBuf buf) {
    ByteBuffer in = ByteBuffer.allocate(carry.remaining() + buf.readableBytes());
    in.put(carry);
    buf.getBytes(buf.readerIndex(), in);
    in.flip();
    CharBuffer out = CharBuffer.allocate(in.remaining());
    decoder.decode(in, out, false);
    carry = in; // what is left is the start of a character whose end has not arrived yet
    return out.flip();
  }
}
