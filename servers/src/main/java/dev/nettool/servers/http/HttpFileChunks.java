package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedInput;

/**
 * A file body in pieces for the {@code ChunkedWriteHandler}, whose last piece is the {@link LastHttpContent}
 * that ends the response. Netty's {@code HttpChunkedInput} sends an empty one after the last piece instead,
 * which over HTTP/2 becomes an empty DATA frame of its own carrying END_STREAM. curl, once it has the
 * Content-Length's bytes, closes without reading that frame, and its kernel answers the unread bytes with a
 * reset that the server then reports as an error. Here END_STREAM rides on the last bytes, as nginx sends it.
 */
final class HttpFileChunks implements ChunkedInput<HttpContent> {
  private final ChunkedInput<ByteBuf> file;
  private boolean ended;

  HttpFileChunks(ChunkedInput<ByteBuf> file) {
    this.file = file;
  }

  @Override
  public boolean isEndOfInput() {
    return ended;
  }

  @Override
  public void close() throws Exception {
    file.close();
  }

  @Deprecated
  @Override
  public HttpContent readChunk(ChannelHandlerContext ctx) throws Exception {
    return readChunk(ctx.alloc());
  }

  @Override
  public HttpContent readChunk(ByteBufAllocator allocator) throws Exception {
    if (ended) {
      return null;
    }
    if (file.isEndOfInput()) {
      ended = true;
      return LastHttpContent.EMPTY_LAST_CONTENT; // an empty file, or a read that found its end early
    }
    ByteBuf piece = file.readChunk(allocator);
    if (piece == null) {
      return null;
    }
    if (file.isEndOfInput()) {
      ended = true;
      return new DefaultLastHttpContent(piece);
    }
    return new DefaultHttpContent(piece);
  }

  @Override
  public long length() {
    return file.length();
  }

  @Override
  public long progress() {
    return file.progress();
  }
}
