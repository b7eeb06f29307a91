import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The benchmarks' reference for what Netty itself allows on this machine, as the C epoll server is for TCP:
 * the least a Netty HTTP server can be, answering every request with {@code Hello World}. HTTP/1.1 through
 * {@code HttpServerCodec}; with TLS also HTTP/2 by ALPN through the frame codec, Netty's multiplexer (a new
 * channel and pipeline for every stream, where nettool keeps a stream's channel for the connection's next
 * stream) and the stream-to-HTTP/1.1 converter nettool's server uses. No limits, no events, no routing.
 * One event loop per CPU, as nettool's http-server. Prints {@code listening http 127.0.0.1:PORT} once bound.
 *
 * <p>The {@code floor} modes go below any HTTP server: what Netty's transport (and TLS) cost with no HTTP
 * work at all. On HTTP/1.1 there is no codec: each read is searched for the blank lines that end request
 * heads, and each gets the same prepared bytes (a request with a body would break it; wrk sends none).
 * Over TLS an h2 connection has the frame codec and one handler that answers each request's HEADERS
 * frame on the connection itself, without the multiplexer's channel and pipeline per stream.
 *
 * <pre>
 * java -cp nettool.jar NettyHello.java http
 * java -cp nettool.jar NettyHello.java https CERT.pem KEY.pem
 * java -cp nettool.jar NettyHello.java http-floor
 * java -cp nettool.jar NettyHello.java https-floor CERT.pem KEY.pem
 * </pre>
 */
public final class NettyHello {
  private static final ChannelHandler STREAM = new StreamCodec();
  private static final ByteBuf BODY = Unpooled.unreleasableBuffer(
      Unpooled.directBuffer().writeBytes("Hello World".getBytes(StandardCharsets.US_ASCII)));
  /** The floor's whole answer, the same head nettool's route sends. */
  private static final ByteBuf ANSWER = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(
      ("HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 11\r\n\r\nHello World")
          .getBytes(StandardCharsets.US_ASCII)));

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "";
    boolean tls = args.length == 3 && (mode.equals("https") || mode.equals("https-floor"));
    boolean floor = mode.endsWith("-floor");
    if (!tls && !(args.length == 1 && (mode.equals("http") || mode.equals("http-floor")))) {
      System.err.println("usage: NettyHello http|http-floor | NettyHello https|https-floor CERT.pem KEY.pem");
      System.exit(2);
    }
    SslContext ssl = tls ? sslContext(new File(args[1]), new File(args[2])) : null;
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
        EpollIoHandler.newFactory());
    Channel server = new ServerBootstrap()
        .group(group)
        .channel(EpollServerSocketChannel.class)
        // No TCP_NODELAY option: Netty turns Nagle off on every socket it accepts; setting it again costs a
        // second setsockopt per connection.
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (ssl == null) {
              http1(ch.pipeline(), floor);
            } else {
              ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new Alpn(floor));
            }
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    System.out.println("listening " + (tls ? "https" : "http") + " 127.0.0.1:" + port);
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> group.shutdownGracefully().syncUninterruptibly()));
    server.closeFuture().sync();
  }

  private static SslContext sslContext(File cert, File key) throws Exception {
    return SslContextBuilder.forServer(cert, key)
        .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
        .protocols("TLSv1.3", "TLSv1.2")
        .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
        .build();
  }

  private static void http1(ChannelPipeline p, boolean floor) {
    if (floor) {
      p.addLast(new Floor());
    } else {
      p.addLast(new HttpServerCodec(), new Hello());
    }
  }

  /** h2 or HTTP/1.1, as the client chose by ALPN. */
  private static final class Alpn extends ApplicationProtocolNegotiationHandler {
    private final boolean floor;

    Alpn(boolean floor) {
      super(ApplicationProtocolNames.HTTP_1_1);
      this.floor = floor;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
      if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
        ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
            floor ? new StreamFloor() : new Http2MultiplexHandler(STREAM));
      } else {
        http1(ctx.pipeline(), floor);
      }
    }
  }

  /** HTTP/1.1 with no codec: counts the request heads each read ends and answers each with {@code ANSWER}. */
  private static final class Floor extends ChannelInboundHandlerAdapter {
    /** How much of CR LF CR LF the bytes so far end with. */
    private int matched;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      int heads = 0;
      for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
        byte b = in.getByte(i);
        if (b == '\r') {
          matched = matched == 2 ? 3 : 1;
        } else if (b == '\n' && (matched == 1 || matched == 3)) {
          matched++;
        } else {
          matched = 0;
        }
        if (matched == 4) {
          heads++;
          matched = 0;
        }
      }
      in.release();
      for (int i = 0; i < heads; i++) {
        ctx.write(ANSWER.duplicate(), ctx.voidPromise());
      }
      if (heads > 0) {
        ctx.flush();
      }
    }
  }

  /** h2 without a channel per stream: a request's closing HEADERS frame is answered on the connection. */
  private static final class StreamFloor extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Http2HeadersFrame request && request.isEndStream()) {
        Http2Headers head = new DefaultHttp2Headers().status("200")
            .add(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
            .addInt(HttpHeaderNames.CONTENT_LENGTH, BODY.readableBytes());
        ctx.write(new DefaultHttp2HeadersFrame(head).stream(request.stream()));
        ctx.write(new DefaultHttp2DataFrame(BODY.duplicate(), true).stream(request.stream()));
      }
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
      ctx.fireChannelReadComplete();
    }
  }

  /**
   * Every stream's converter, one instance for all, which puts a {@code Hello} behind itself when the
   * multiplexer adds it to a new stream: cheaper than a {@code ChannelInitializer} per stream, which is added,
   * run, removed and then cleaned up by a task of its own.
   */
  @ChannelHandler.Sharable
  private static final class StreamCodec extends Http2StreamFrameToHttpObjectCodec {
    StreamCodec() {
      super(true);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
      super.handlerAdded(ctx);
      ctx.pipeline().addLast(new Hello());
    }
  }

  /** Answers each request, once it is read whole, with the text; closes when the client asked to. */
  private static final class Hello extends SimpleChannelInboundHandler<HttpObject> {
    private boolean keepAlive = true;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpRequest request) {
        keepAlive = HttpUtil.isKeepAlive(request);
      }
      if (msg instanceof LastHttpContent) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
            BODY.duplicate());
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.readableBytes());
        if (keepAlive) {
          ctx.writeAndFlush(response);
        } else {
          response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
          ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
      }
    }
  }
}
