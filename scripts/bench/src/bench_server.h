/*
 * bench_server.h: what the benchmark kit's C servers (epoll_echo, ws_echo)
 * share: the port argument, a socket bound to 127.0.0.1 with the ready line
 * printed after bind, and a level-triggered epoll loop over TCP connections.
 */
#ifndef BENCH_SERVER_H
#define BENCH_SERVER_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BENCH_MAX_EVENTS 256

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int parse_port(const char *s) {
    char *end;
    long p = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || p < 0 || p > 65535) {
        fprintf(stderr, "bad port: %s\n", s);
        exit(2);
    }
    return (int)p;
}

/* A nonblocking socket of the type bound to 127.0.0.1:port (listening, for TCP); prints
 * "listening LABEL 127.0.0.1:PORT" with the real port, and flushes. */
static int bind_socket(int type, int port, const char *label) {
    int fd = socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) die("bind");
    if (type == SOCK_STREAM && listen(fd, 1024) < 0) die("listen");
    socklen_t alen = sizeof a;
    if (getsockname(fd, (struct sockaddr *)&a, &alen) < 0) die("getsockname");
    printf("listening %s 127.0.0.1:%d\n", label, ntohs(a.sin_port));
    fflush(stdout);
    return fd;
}

/* Reads what a nonblocking socket has: the byte count, 0 when nothing is there yet, -1 when the
 * connection is done (the peer's FIN, or an error). */
static ssize_t read_some(int fd, void *buf, size_t len) {
    ssize_t n = read(fd, buf, len);
    if (n > 0) return n;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return 0;
    return -1;
}

/*
 * Serves the listening socket lfd forever, level-triggered. Each accepted connection (nonblocking,
 * TCP_NODELAY) goes to accepted(fd), which returns the connection's state, registered here for
 * EPOLLIN, or NULL to have it closed; each event on a connection goes to ready(ep, state, events).
 * A state that cannot be registered goes to discard(state) and its connection is closed.
 */
static void serve(int lfd, void *(*accepted)(int fd), void (*ready)(int ep, void *conn, unsigned events),
                  void (*discard)(void *conn)) {
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) die("epoll_create1");
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL}; /* NULL marks the listener */
    if (epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) < 0) die("epoll_ctl add listener");
    struct epoll_event events[BENCH_MAX_EVENTS];
    for (;;) {
        int n = epoll_wait(ep, events, BENCH_MAX_EVENTS, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int i = 0; i < n; i++) {
            void *c = events[i].data.ptr;
            if (c != NULL) {
                ready(ep, c, events[i].events);
                continue;
            }
            for (;;) {
                int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (fd < 0) break; /* EAGAIN, or a transient error: retry on the next event */
                int one = 1;
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                struct epoll_event cev = {.events = EPOLLIN, .data.ptr = accepted(fd)};
                if (cev.data.ptr == NULL) {
                    close(fd);
                } else if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &cev) < 0) {
                    discard(cev.data.ptr);
                    close(fd);
                }
            }
        }
    }
}

#endif
