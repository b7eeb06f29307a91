package dev.nettool.clients.udp;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import dev.nettool.protocols.expect.Expectation;
import dev.nettool.protocols.unit.Durations;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ends a send run: with 0 as soon as a reply meets the expectation (each reply is matched on its
 * own), or once {@code --wait} has passed after the last datagram went out: 0 without an
 * expectation, 1 with one that was not met. The expectation needs no lock: only the event loop uses it.
 */
final class UdpExpectHandler extends ChannelInboundHandlerAdapter {
  /** The user event the sender fires when its last datagram is out. */
  static final Object LAST_SENT = new Object() {
    @Override
    public String toString() {
      return "LAST_SENT";
    }
  };

  private final Expectation expectation;
  private final Duration wait;
  private final UdpClientRun run;

  /** @param expectation what to wait for, or {@code null} to just wait */
  UdpExpectHandler(Expectation expectation, Duration wait, UdpClientRun run) {
    this.expectation = expectation;
    this.wait = wait;
    this.run = run;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (expectation != null && msg instanceof DatagramPacket packet
          && expectation.feedMessage(packet.content().toString(StandardCharsets.UTF_8))) {
        run.end(ExitCode.OK.code());
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == LAST_SENT) {
      ctx.executor().schedule(this::waited, wait.toNanos(), TimeUnit.NANOSECONDS);
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  private void waited() {
    if (expectation == null) {
      run.end(ExitCode.OK.code());
    } else {
      run.fail(new NettoolException(ExitCode.FAILURE, "expectation not met",
          expectation.describe() + " not received within " + Durations.spoken(wait)));
    }
  }
}
