package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells a cleartext client that opens with HTTP/2's connection preface (h2c by prior knowledge) from an
 * HTTP/1.1 one by the first bytes, switches the pipeline for the former, and leaves either way, handing on
 * what it read. An HTTP/1.1 request differs at its first or second byte, so it is not held up.
 */
final class Http2PrefaceDetector extends ByteToMessageDecoder {
  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Consumer<ChannelPipeline> toHttp2;

  Http2PrefaceDetector(Consumer<ChannelPipeline> toHttp2) {
    this.toHttp2 = toHttp2;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int n = Math.min(in.readableBytes(), PREFACE.length);
    for (int i = 0; i < n; i++) {
      if (in.getByte(in.readerIndex() + i) != PREFACE[i]) {
        ctx.pipeline().remove(this);
        return;
      }
    }
    if (n == PREFACE.length) {
      toHttp2.accept(ctx.pipeline());
      ctx.pipeline().remove(this);
    }
  }
}
