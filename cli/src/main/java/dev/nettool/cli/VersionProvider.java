package dev.nettool.cli;

import dev.nettool.protocols.tls.TlsEngine;
import dev.nettool.protocols.transport.Transport;
import dev.nettool.protocols.transport.TransportKind;
import io.netty.handler.ssl.OpenSsl;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;

/** {@code nettool --version}: our version, Netty's, Java's, which transports run here and the TLS engine. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/nettool-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("nettool " + p.getProperty("version", "unknown"));
    lines.add("netty " + p.getProperty("netty", "unknown"));
    lines.add("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    StringBuilder t = new StringBuilder("transports:");
    for (TransportKind k : new TransportKind[] {TransportKind.EPOLL, TransportKind.IO_URING, TransportKind.NIO}) {
      t.append(' ').append(k.label()).append('=')
          .append(Transport.unavailabilityReason(k).map(r -> "unavailable (" + r + ")").orElse("available"));
    }
    lines.add(t.toString());
    String fallback = TlsEngine.fallbackReason();
    lines.add("tls engine: " + TlsEngine.current().label()
        + (TlsEngine.current() == TlsEngine.OPENSSL ? " (" + OpenSsl.versionString() + ")" : "")
        + (fallback == null ? "" : " (openssl unavailable: " + fallback + ")")
        + ", jdk for raw TLS streams");
    return lines.toArray(String[]::new);
  }
}
