package dev.nettool.servers.tcp;

import dev.nettool.protocols.address.Endpoint;
import java.io.InputStream;
import java.io.OutputStream;

/** What the server does with a connection; each mode is one handler. */
public sealed interface TcpMode {

  /** The mode's name as typed after {@code --mode}. */
  String label();

  /** Every byte received is written back, like {@code socket.pipe(socket)}. */
  record Echo() implements TcpMode {
    @Override
    public String label() {
      return "echo";
    }
  }

  /** Bytes are counted and dropped. */
  record Discard() implements TcpMode {
    @Override
    public String label() {
      return "discard";
    }
  }

  /** {@code size} bytes of the chargen pattern are sent, then the connection is closed. */
  record Source(long size) implements TcpMode {
    @Override
    public String label() {
      return "source";
    }
  }

  /** Every data event is answered with {@code reply}. */
  record Reply(byte[] reply) implements TcpMode {
    @Override
    public String label() {
      return "reply";
    }
  }

  /** One connection at a time is bridged to {@code in}/{@code out}, like {@code nc -l}. */
  record Pipe(InputStream in, OutputStream out, boolean keepOpen) implements TcpMode {
    @Override
    public String label() {
      return "pipe";
    }
  }

  /** Bytes are relayed to and from {@code upstream}. */
  record Forward(Endpoint upstream) implements TcpMode {
    @Override
    public String label() {
      return "forward";
    }
  }
}
