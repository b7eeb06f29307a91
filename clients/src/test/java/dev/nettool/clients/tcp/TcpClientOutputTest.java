package dev.nettool.clients.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpClientOutputTest {

  @Test
  void writesRawBytesUnchangedAndLeavesTheBufferAlone() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] binary = {0, (byte) 0xff, '\n', '\r', 0x1b};
    ByteBuf buf = Unpooled.wrappedBuffer(binary);
    TcpClientOutput.raw(out).write(buf);

    assertThat(out.toByteArray()).containsExactly(binary);
    assertThat(buf.readableBytes()).isEqualTo(binary.length);
  }

  @Test
  void writesAHexDumpTablePerChunk() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuf buf = Unpooled.copiedBuffer("hello\n", StandardCharsets.UTF_8);
    TcpClientOutput.hexDump(out).write(buf);

    String dump = out.toString(StandardCharsets.US_ASCII);
    assertThat(dump).isEqualTo(ByteBufUtil.prettyHexDump(buf) + System.lineSeparator());
    assertThat(dump).contains("|00000000| 68 65 6c 6c 6f 0a                               |hello.          |");
  }

  @Test
  void failsWhenAPrintStreamCouldNotWrite() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    TcpClientOutput raw = TcpClientOutput.raw(new PrintStream(broken, false, StandardCharsets.UTF_8));

    assertThatThrownBy(() -> raw.write(Unpooled.wrappedBuffer(new byte[] {1})))
        .isInstanceOf(IOException.class).hasMessage("output closed");
  }
}
