package dev.nettool.protocols.address;

import dev.nettool.protocols.transport.Transport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/** Where to listen or connect: a host and port, or a Unix domain socket path. */
public sealed interface Endpoint permits Endpoint.Inet, Endpoint.Unix {

  /** The socket address for {@code transport} (domain socket address types differ per transport). */
  SocketAddress socketAddress(Transport transport);

  /** How the address is written: {@code 127.0.0.1:80}, {@code [::1]:80}, {@code unix:/tmp/s}. */
  String display();

  /** A host and a port; the host may be a name, resolved when connecting. */
  record Inet(String host, int port) implements Endpoint {
    public Inet {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
      }
      if (host == null || host.isEmpty()) {
        throw new IllegalArgumentException("host is empty");
      }
    }

    @Override
    public SocketAddress socketAddress(Transport transport) {
      return new InetSocketAddress(host, port);
    }

    @Override
    public String display() {
      return Endpoints.hostPort(host, port);
    }

    // Written out: a record's generated toString is linked through invokedynamic on first use,
    // which cost a one-shot client about 2 ms, and picocli calls it on every parsed TARGET.
    @Override
    public String toString() {
      return display();
    }
  }

  /** A Unix domain socket path. */
  record Unix(Path path) implements Endpoint {
    @Override
    public SocketAddress socketAddress(Transport transport) {
      return transport.unixAddress(path);
    }

    @Override
    public String display() {
      return "unix:" + path;
    }

    @Override
    public String toString() {
      return display();
    }
  }

  /** Builds the endpoint that a bound or connected channel reports. */
  static Endpoint of(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      // RFC 5952 form: ::1, not 0:0:0:0:0:0:0:1
      String host = inet.getAddress() != null
          ? io.netty.util.NetUtil.toAddressString(inet.getAddress())
          : inet.getHostString();
      int zone = host.indexOf('%');
      return new Inet(zone >= 0 ? host.substring(0, zone) : host, inet.getPort());
    }
    if (address instanceof UnixDomainSocketAddress unix) {
      return new Unix(unix.getPath());
    }
    if (address instanceof io.netty.channel.unix.DomainSocketAddress unix) {
      return new Unix(Path.of(unix.path()));
    }
    throw new IllegalArgumentException("unsupported address " + address);
  }
}
