/** The one seam where a native transport (epoll, io_uring) or NIO is chosen; nothing else names their classes. */
package dev.nettool.protocols.transport;
