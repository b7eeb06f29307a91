package dev.nettool.clients.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpLineSourceTest {
  private static List<String> datagrams(byte[] input) throws IOException {
    UdpLineSource source = new UdpLineSource(new ByteArrayInputStream(input));
    List<String> out = new ArrayList<>();
    for (byte[] d = source.next(); d != null; d = source.next()) {
      out.add(new String(d, StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  @Test
  void eachLineIsOneDatagramWithItsNewline() throws IOException {
    assertThat(datagrams("hello\nworld\n".getBytes(StandardCharsets.UTF_8))).containsExactly("hello\n", "world\n");
  }

  @Test
  void aLastLineWithoutNewlineIsSentAsIs() throws IOException {
    assertThat(datagrams("a\n\nb".getBytes(StandardCharsets.UTF_8))).containsExactly("a\n", "\n", "b");
  }

  @Test
  void nothingIsSentForEmptyInput() throws IOException {
    assertThat(datagrams(new byte[0])).isEmpty();
  }

  @Test
  void aLineLongerThanADatagramIsSplit() throws IOException {
    byte[] input = new byte[UdpClientConfig.MAX_DATAGRAM + 11];
    Arrays.fill(input, (byte) 'x');
    input[input.length - 1] = '\n';

    List<String> out = datagrams(input);

    assertThat(out).hasSize(2);
    assertThat(out.get(0)).hasSize(UdpClientConfig.MAX_DATAGRAM);
    assertThat(out.get(1)).isEqualTo("xxxxxxxxxx\n");
  }
}
