package dev.nettool.clients.udp;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.address.Endpoint;
import dev.nettool.protocols.event.EventSink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Ping mode: sends numbered probes every {@code --interval}, matches the echoes, reports each reply,
 * and after the last probe waits {@code --wait} for stragglers (or less, once all are back) before
 * the summary. Exit 0 when every probe came back, 1 when any was lost.
 */
final class UdpPingHandler extends ChannelInboundHandlerAdapter {
  /** The user event that asks for the summary now, when the run is cut short. */
  static final Object STOP = new Object() {
    @Override
    public String toString() {
      return "STOP";
    }
  };

  private final UdpClientConfig config;
  private final EventSink report;
  private final UdpClientRun run;
  private final UdpPingStats stats = new UdpPingStats();
  private Endpoint.Inet target;
  private InetSocketAddress remote;
  private ScheduledFuture<?> ticker;
  private boolean ended;

  UdpPingHandler(UdpClientConfig config, EventSink report, UdpClientRun run) {
    this.config = config;
    this.report = report;
    this.run = run;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    remote = (InetSocketAddress) ctx.channel().remoteAddress();
    target = (Endpoint.Inet) Endpoint.of(remote);
    ticker = ctx.executor().scheduleAtFixedRate(() -> probe(ctx), 0, config.interval().toNanos(), TimeUnit.NANOSECONDS);
    ctx.fireChannelActive();
  }

  private void probe(ChannelHandlerContext ctx) {
    if (ended || run.isOver()) {
      ticker.cancel(false);
      return;
    }
    int seq = stats.sent();
    ByteBuf buf = ctx.alloc().directBuffer(config.size());
    new UdpPingProbe(seq, System.nanoTime()).writeTo(buf, config.size());
    ctx.writeAndFlush(new DatagramPacket(buf, remote), ctx.voidPromise());
    if (seq == config.pingCount()) {
      ticker.cancel(false);
      ctx.executor().schedule(this::end, config.replyWait().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof DatagramPacket packet) {
        reply(packet);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void reply(DatagramPacket packet) {
    long now = System.nanoTime();
    UdpPingProbe probe = UdpPingProbe.decode(packet.content());
    if (ended || probe == null || !stats.knows(probe.seq())) {
      return;
    }
    long rtt = now - probe.sentNanos();
    boolean first = stats.replied(probe.seq(), rtt);
    report.publish(UdpPingEvents.reply((Endpoint.Inet) Endpoint.of(packet.sender()),
        packet.content().readableBytes(), probe.seq(), rtt, !first));
    if (stats.transmitted() == config.pingCount() && stats.received() == stats.transmitted()) {
      end();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == STOP) {
      end();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  private void end() {
    if (ended) {
      return;
    }
    ended = true;
    if (ticker != null) {
      ticker.cancel(false);
    }
    if (!run.isOver() && target != null) {
      report.publish(UdpPingEvents.summary(target, stats));
    }
    run.end(stats.received() == stats.transmitted() ? ExitCode.OK.code() : ExitCode.FAILURE.code());
  }
}
