package dev.nettool.servers.http;

import io.netty.buffer.ByteBuf;

/**
 * Where a streamed request body goes, chunk by chunk, on the event loop. A sink that cannot keep up
 * (a file write on another thread) pauses reading with {@link HttpExchange#pauseReading()} and resumes
 * it when it has caught up. After {@link #end} it answers through the exchange.
 */
public interface HttpBodySink {

  /** One chunk of the body; the sink must retain it if it keeps it beyond the call. */
  void content(ByteBuf chunk) throws Exception;

  /** The body is complete: answer now (or once pending work is done). */
  void end() throws Exception;

  /** The exchange ended early (connection lost, body over the limit): release what is held. */
  void abort(Throwable cause);
}
