package dev.nettool.clients.http;

import dev.nettool.protocols.expect.Expectation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Feeds the response body, as it passes, to the exchange's body expectations. Bytes are decoded as UTF-8
 * with the decoder's state kept between chunks, so a character split by the network still matches.
 */
final class HttpClientBodyExpectHandler extends ChannelInboundHandlerAdapter {
  private final HttpClientExchange exchange;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer carry = ByteBuffer.allocate(0);

  HttpClientBodyExpectHandler(HttpClientExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpContent content && content.content().isReadable()
        && exchange.target != HttpClientExchange.BodyTarget.DISCARD) {
      CharSequence text = decode(content.content());
      for (Expectation e : exchange.watchers) {
        e.feed(text);
      }
    }
    ctx.fireChannelRead(msg);
  }

  private CharSequence decode(ByteBuf buf) {
    ByteBuffer in = ByteBuffer.allocate(carry.remaining() + buf.readableBytes());
    in.put(carry);
    buf.getBytes(buf.readerIndex(), in);
    in.flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, out, false);
    carry = in.slice();
    out.flip();
    return out;
  }
}
