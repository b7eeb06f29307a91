package dev.nettool.servers.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Keeps the h2c upgrade handler (named {@code upgrade}) for a connection's first request only, as clients
 * ask for the upgrade there: a first request without {@code Upgrade} takes the upgrade handler out, so the
 * requests after it do not each pass an aggregator's checks. Leaves with the first request either way.
 */
final class Http2cUpgradeWindow extends ChannelInboundHandlerAdapter {
  private final String upgrade;

  Http2cUpgradeWindow(String upgrade) {
    this.upgrade = upgrade;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      if (!request.headers().contains(HttpHeaderNames.UPGRADE) && ctx.pipeline().get(upgrade) != null) {
        ctx.pipeline().remove(upgrade);
      }
      ctx.pipeline().remove(this);
    }
    ctx.fireChannelRead(msg);
  }
}
