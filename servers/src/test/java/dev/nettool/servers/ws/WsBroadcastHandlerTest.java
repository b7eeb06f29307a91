package dev.nettool.servers.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WsBroadcastHandlerTest {

  @Test
  void sendsEachMessageToEverySessionTheSenderIncludedAndReleasesTheOriginal() {
    ChannelGroup sessions = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);
    WsBroadcastHandler broadcast = new WsBroadcastHandler(sessions);
    EmbeddedChannel alice = new EmbeddedChannel(DefaultChannelId.newInstance(), broadcast);
    EmbeddedChannel bob = new EmbeddedChannel(DefaultChannelId.newInstance(), broadcast);
    sessions.add(alice);
    sessions.add(bob);
    TextWebSocketFrame hello = new TextWebSocketFrame(Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));

    alice.writeInbound(hello);

    for (EmbeddedChannel ch : new EmbeddedChannel[] {alice, bob}) {
      TextWebSocketFrame got = ch.readOutbound();
      assertThat(got.text()).isEqualTo("hello");
      got.release();
    }
    assertThat(hello.refCnt()).as("every duplicate released: nothing left of the original").isZero();
    alice.finishAndReleaseAll();
    bob.finishAndReleaseAll();
  }
}
