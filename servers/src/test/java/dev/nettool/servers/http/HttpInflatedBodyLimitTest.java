package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.testing.NettyLeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(10)
@ExtendWith(NettyLeakCheck.class)
class HttpInflatedBodyLimitTest {

  private static byte[] compressed(boolean gzip, int zeros) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = gzip ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
      byte[] block = new byte[65536];
      for (int left = zeros; left > 0; left -= block.length) {
        z.write(block, 0, Math.min(block.length, left));
      }
    }
    return out.toByteArray();
  }

  private static String head(String encoding, int length) {
    return "POST /up HTTP/1.1\r\nHost: x\r\nContent-Encoding: " + encoding + "\r\nContent-Length: " + length
        + "\r\n\r\n";
  }

  @Test
  void refusesAGzipBombAtTheFirstPieceThatInflatesPastTheLimit() throws Exception {
    byte[] bomb = compressed(true, 128 << 20);
    HttpLimitsChannel c = new HttpLimitsChannel(HttpServerConfig.builder().maxBody(10 << 20).build());
    c.send(head("gzip", bomb.length));
    int sent = 0;
    while (c.channel.isOpen() && sent < bomb.length) {
      int n = Math.min(4096, bomb.length - sent);
      c.send(java.util.Arrays.copyOfRange(bomb, sent, sent + n));
      sent += n;
    }
    assertThat(c.output()).startsWith("HTTP/1.1 413 ")
        .endsWith("413 Request Entity Too Large: body inflates past the limit of 10485760 bytes\n");
    assertThat(sent).as("stopped long before the whole %d-byte bomb was read", bomb.length)
        .isLessThan(bomb.length / 5);
    assertThat(c.served).isEmpty();
    assertThat(c.finish()).isFalse();
  }

  @Test
  void refusesADeflateBodyThatInflatesPastTheLimit() throws Exception {
    byte[] body = compressed(false, 1000);
    HttpLimitsChannel c = new HttpLimitsChannel();
    c.send(head("deflate", body.length)).send(body);
    assertThat(c.output()).startsWith("HTTP/1.1 413 ");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void passesACompressedBodyWithinTheLimitUnchanged() throws Exception {
    byte[] body = compressed(true, 100);
    HttpLimitsChannel c = new HttpLimitsChannel();
    c.send(head("gzip", body.length)).send(body);
    assertThat(c.output()).startsWith("HTTP/1.1 200 OK");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void refusesABodyThatIsNotGzipAtAll() {
    byte[] body = "not gzip at all".getBytes(StandardCharsets.US_ASCII);
    HttpLimitsChannel c = new HttpLimitsChannel();
    c.send(head("gzip", body.length)).send(body);
    assertThat(c.output()).startsWith("HTTP/1.1 400 ").endsWith("malformed gzip header\n");
    assertThat(c.finish()).isFalse();
  }

  @Test
  void skipsAGzipHeaderWithNameAndCommentSplitAcrossPieces() {
    byte[] header = {0x1f, (byte) 0x8b, 8, 8 | 16, 0, 0, 0, 0, 0, 3, 'a', 0, 'c', 0, 1};
    HttpGzipHeader h = new HttpGzipHeader();
    assertThat(h.skip(java.nio.ByteBuffer.wrap(header, 0, 11))).isFalse();
    java.nio.ByteBuffer rest = java.nio.ByteBuffer.wrap(header, 11, 4);
    assertThat(h.skip(rest)).isTrue();
    assertThat(rest.remaining()).as("the deflate data is left").isEqualTo(1);
  }
}
