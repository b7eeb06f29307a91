package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedNioFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFileChunksTest {
  @TempDir Path dir;

  /** Each piece's size, negative for the one that is the last content. */
  private List<Integer> pieces(int fileSize) throws Exception {
    Path file = Files.write(dir.resolve("f" + fileSize), new byte[fileSize]);
    HttpFileChunks chunks = new HttpFileChunks(
        new ChunkedNioFile(FileChannel.open(file, StandardOpenOption.READ), 0, fileSize, 16_384));
    List<Integer> sizes = new ArrayList<>();
    try {
      for (HttpContent c; (c = chunks.readChunk(UnpooledByteBufAllocator.DEFAULT)) != null; c.release()) {
        int n = c.content().readableBytes();
        sizes.add(c instanceof LastHttpContent ? -n : n);
      }
      assertThat(chunks.isEndOfInput()).isTrue();
      assertThat(chunks.progress()).isEqualTo(fileSize);
    } finally {
      chunks.close();
    }
    return sizes;
  }

  @Test
  void theLastPieceOfTheFileIsTheLastContent() throws Exception {
    assertThat(pieces(40_000)).containsExactly(16_384, 16_384, -(40_000 - 2 * 16_384));
    assertThat(pieces(16_384)).containsExactly(-16_384);
  }

  @Test
  void anEmptyFileIsOneEmptyLastContent() throws Exception {
    assertThat(pieces(0)).containsExactly(-0);
  }
}
