package dev.nettool.protocols.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslEngine;
import java.nio.file.Path;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TlsEngineTest {
  @Test
  void theBundledBoringSslIsChosenOnLinuxX8664() {
    assertThat(OpenSsl.isAvailable()).as("the shipped linux-x86_64 native library loads: %s",
        OpenSsl.unavailabilityCause()).isTrue();
    assertThat(TlsEngine.current()).isEqualTo(TlsEngine.OPENSSL);
    assertThat(TlsEngine.fallbackReason()).isNull();
  }

  @TempDir Path dir;

  @Test
  void contextsUseTheEngineAskedFor() {
    TlsServerConfig config = TlsServerConfig.generate(dir);
    SSLEngine fast = TlsContexts.server(config).newEngine(ByteBufAllocator.DEFAULT);
    SSLEngine halfClosing = TlsContexts.server(config, TlsEngine.forHalfClose()).newEngine(ByteBufAllocator.DEFAULT);

    assertThat(fast).isInstanceOf(OpenSslEngine.class);
    assertThat(halfClosing).isNotInstanceOf(OpenSslEngine.class);
    assertThat(halfClosing.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    assertThat(Arrays.asList(halfClosing.getEnabledCipherSuites()))
        .as("the JDK engine keeps the intermediate suites in their order").containsExactlyElementsOf(TlsContexts.CIPHERS);
  }

  @Test
  void labelsAreTheLowercaseNames() {
    assertThat(TlsEngine.OPENSSL.label()).isEqualTo("openssl");
    assertThat(TlsEngine.JDK.label()).isEqualTo("jdk");
  }
}
