package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nettool.protocols.server.Connections;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

  @Test
  void worksOutAConnectionsFactsOnceAndKeepsThem() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.attr(Connections.ID).set(7L);
    try {
      HttpConnection first = HttpConnection.of(ch);
      assertThat(first.id()).isEqualTo(7);
      assertThat(first.secure()).as("no TLS handler").isFalse();
      assertThat(first.http2()).isFalse();
      assertThat(first.clientCertificate()).isNull();
      assertThat(first.fileRegions()).isTrue();
      assertThat(HttpConnection.of(ch)).as("the kept facts, not new ones").isSameAs(first);
    } finally {
      ch.finishAndReleaseAll();
    }
  }
}
