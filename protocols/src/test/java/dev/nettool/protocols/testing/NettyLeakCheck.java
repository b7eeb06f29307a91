package dev.nettool.protocols.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reports a leaked buffer. Leak detection runs at {@code paranoid} (every
 * buffer tracked); after each test the extension collects garbage and allocates a few tracked buffers,
 * which is when Netty reports what the collector found unreleased, and fails on any {@code LEAK:}
 * report. Netty reports leaks through its logger, which is the JDK's here (no SLF4J on the test
 * classpath), so a handler on that logger sees them whichever class made the detector.
 */
public final class NettyLeakCheck implements BeforeEachCallback, AfterEachCallback {
  private static final Logger DETECTOR_LOG = Logger.getLogger(ResourceLeakDetector.class.getName());
  private final List<String> leaks = new CopyOnWriteArrayList<>();
  private final Handler recorder = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.SEVERE.intValue() && String.valueOf(record.getMessage()).contains("LEAK")) {
        leaks.add(String.valueOf(record.getMessage()));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!(InternalLoggerFactory.getDefaultFactory() instanceof JdkLoggerFactory)) {
      throw new IllegalStateException("Netty does not log through the JDK's logging here; leaks would go unseen: "
          + InternalLoggerFactory.getDefaultFactory().getClass().getName());
    }
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    collect();
    leaks.clear();
    DETECTOR_LOG.addHandler(recorder);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      collect();
    } finally {
      DETECTOR_LOG.removeHandler(recorder);
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError("Netty reported " + leaks.size() + " leaked buffer(s):\n" + String.join("\n", leaks));
    }
  }

  /** Leaks are reported when a new buffer is tracked after the collector found the lost one. */
  private static void collect() {
    for (int i = 0; i < 5; i++) {
      System.gc();
      ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(64);
      ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.buffer(64);
      ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(64);
      pooled.release();
      unpooled.release();
      direct.release();
    }
  }
}
