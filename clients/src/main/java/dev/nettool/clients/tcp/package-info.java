/**
 * The TCP client behind {@code tcp-client}: a config record, the client that connects to a host and port or a
 * Unix domain socket, the pipeline's handlers, and the pumps that move bytes between the connection and
 * streams (stdin, stdout, a file) on their own threads.
 */
package dev.nettool.clients.tcp;
