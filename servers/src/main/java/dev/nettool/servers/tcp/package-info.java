/**
 * The TCP server: {@link dev.nettool.servers.tcp.TcpServerConfig} → {@link dev.nettool.servers.tcp.TcpServer}
 * → {@link dev.nettool.servers.tcp.TcpServerInitializer} → one handler per mode (echo, discard, source,
 * reply, pipe, forward), with connection events in Node's vocabulary.
 */
package dev.nettool.servers.tcp;
