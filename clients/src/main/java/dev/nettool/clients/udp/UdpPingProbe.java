package dev.nettool.clients.udp;

import io.netty.buffer.ByteBuf;

/**
 * One ping probe: a tag ({@code ntpg}), the sequence number and the send time in
 * {@link System#nanoTime()} units, padded to the probe size with a counting pattern.
 */
record UdpPingProbe(int seq, long sentNanos) {
  private static final int TAG = 0x6e747067;

  /**
   * Writes the probe into {@code b}, padded to {@code size} bytes ({@code size} is at least
   * {@link UdpClientConfig#MIN_PING_SIZE}). The buffer is allocated beforehand, so that the send
   * time is taken as late as possible.
   */
  ByteBuf writeTo(ByteBuf b, int size) {
    b.writeInt(TAG).writeInt(seq).writeLong(sentNanos);
    for (int i = b.writerIndex(); i < size; i++) {
      b.writeByte(i);
    }
    return b;
  }

  /** The probe an echo carries, or {@code null} when the datagram is not one of ours. */
  static UdpPingProbe decode(ByteBuf b) {
    int at = b.readerIndex();
    if (b.readableBytes() < UdpClientConfig.MIN_PING_SIZE || b.getInt(at) != TAG) {
      return null;
    }
    return new UdpPingProbe(b.getInt(at + 4), b.getLong(at + 8));
  }
}
