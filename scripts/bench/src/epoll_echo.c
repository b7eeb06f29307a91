/*
 * epoll_echo: minimal single-threaded epoll echo server, used by the
 * benchmark kit as "the reference for what the machine allows".
 *
 *   epoll_echo tcp PORT     TCP echo on 127.0.0.1:PORT (0 = pick a free port)
 *   epoll_echo udp PORT     UDP echo on 127.0.0.1:PORT
 *
 * After bind it prints exactly "listening tcp 127.0.0.1:PORT" (or udp) on
 * stdout and flushes, the same ready-line shape as nettool.
 *
 * TCP: level-triggered epoll. A connection is either "reading" (EPOLLIN)
 * or, when a write came back short / EAGAIN, "writing" (EPOLLOUT) with the
 * unsent rest of its buffer kept; it goes back to reading once the rest is
 * written. So a client that does not read back gets backpressure, never
 * unbounded buffering. TCP_NODELAY is set on accepted sockets.
 *
 * UDP: one nonblocking socket; every datagram received is sent back to its
 * sender. A datagram whose send would block is dropped (it is UDP).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench_server.h"

#define BUF_SIZE (64 * 1024)

struct conn {
    int fd;
    size_t off; /* first unsent byte in buf */
    size_t len; /* bytes in buf */
    char buf[BUF_SIZE];
};

static void set_events(int ep, struct conn *c, unsigned events) {
    struct epoll_event ev;
    ev.events = events;
    ev.data.ptr = c;
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl mod");
}

static void close_conn(struct conn *c) {
    close(c->fd); /* also removes it from the epoll set */
    free(c);
}

/* Write the pending part of c->buf. Returns 1 when all of it is written,
 * 0 when the socket is full (rest stays pending), -1 on error. */
static int flush_pending(struct conn *c) {
    while (c->off < c->len) {
        ssize_t n = send(c->fd, c->buf + c->off, c->len - c->off, MSG_NOSIGNAL);
        if (n > 0) {
            c->off += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return 0;
        } else {
            return -1;
        }
    }
    c->off = c->len = 0;
    return 1;
}

static void on_readable(int ep, struct conn *c) {
    ssize_t n = read_some(c->fd, c->buf, sizeof c->buf);
    if (n < 0) { /* peer finished sending and everything was echoed, or an error */
        close_conn(c);
        return;
    }
    if (n == 0) return;
    c->off = 0;
    c->len = (size_t)n;
    int r = flush_pending(c);
    if (r < 0) close_conn(c);
    else if (r == 0) set_events(ep, c, EPOLLOUT); /* stop reading until drained */
}

static void on_writable(int ep, struct conn *c) {
    int r = flush_pending(c);
    if (r < 0) close_conn(c);
    else if (r == 1) set_events(ep, c, EPOLLIN);
}

static void *accepted(int fd) {
    struct conn *c = malloc(sizeof *c);
    if (c == NULL) return NULL;
    c->fd = fd;
    c->off = c->len = 0;
    return c;
}

static void ready(int ep, void *conn, unsigned events) {
    struct conn *c = conn;
    if (c->len > c->off) {
        /* writing state: EPOLLOUT, or EPOLLERR/EPOLLHUP (send reports it) */
        on_writable(ep, c);
    } else if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
        on_readable(ep, c); /* read returns 0 or an error on hangup */
    }
}

static void run_tcp(int port) {
    serve(bind_socket(SOCK_STREAM, port, "tcp"), accepted, ready, free);
}

static void run_udp(int port) {
    int fd = bind_socket(SOCK_DGRAM, port, "udp");
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) die("epoll_create1");
    struct epoll_event ev;
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl add");

    static char buf[BUF_SIZE];
    for (;;) {
        struct epoll_event out;
        int n = epoll_wait(ep, &out, 1, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (;;) {
            struct sockaddr_storage from;
            socklen_t flen = sizeof from;
            ssize_t r = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
            if (r < 0) {
                if (errno == EINTR) continue;
                break; /* EAGAIN (or an ICMP-reported error): wait for more */
            }
            /* a send that would block or fails drops the datagram, as UDP may */
            (void)sendto(fd, buf, (size_t)r, MSG_DONTWAIT, (struct sockaddr *)&from, flen);
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "tcp") != 0 && strcmp(argv[1], "udp") != 0)) {
        fprintf(stderr, "usage: %s tcp|udp PORT\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    int port = parse_port(argv[2]);
    if (strcmp(argv[1], "tcp") == 0) run_tcp(port);
    else run_udp(port);
    return 0;
}
