package dev.nettool.servers.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WsCloseGateTest {

  @Test
  void afterOurCloseOnlyThePeersCloseGetsThroughAndNoFrameGoesOut() {
    EmbeddedChannel ch = new EmbeddedChannel(new WsCloseGate());
    ch.writeOutbound(new CloseWebSocketFrame(1002, "bad"));
    ((CloseWebSocketFrame) ch.readOutbound()).release();

    TextWebSocketFrame lateIn = new TextWebSocketFrame("late");
    ch.writeInbound(lateIn, new CloseWebSocketFrame(1002, ""));
    TextWebSocketFrame lateOut = new TextWebSocketFrame("echo");
    ch.writeOutbound(lateOut, new CloseWebSocketFrame(1000, "again"));

    CloseWebSocketFrame peerClose = ch.readInbound();
    assertThat(peerClose.statusCode()).isEqualTo(1002);
    peerClose.release();
    assertThat((Object) ch.readInbound()).isNull();
    assertThat((Object) ch.readOutbound()).as("no data and no second Close after our Close").isNull();
    assertThat(lateIn.refCnt()).isZero();
    assertThat(lateOut.refCnt()).isZero();
    ch.finishAndReleaseAll();
  }
}
