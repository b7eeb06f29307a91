/*
 * wsload: small native WebSocket load generator for echo servers (loopback only).
 *
 *   wsload pingpong HOST PORT PATH CONNS SECONDS
 *       Each connection sends a 32-byte text message (content changes every
 *       round), waits for exactly that message back, checks it, repeats.
 *       value = echoed messages per second, over all connections.
 *
 *   wsload stream HOST PORT PATH CONNS SECONDS
 *       Each connection sends 1,000,000-byte binary messages back to back,
 *       keeping up to 4 of them in flight, and reads the echoes at the same
 *       time; every echoed message is compared with what was sent.
 *       value = echoed messages per second (each 1 MB).
 *
 * Frames are masked as RFC 6455 requires, with the all-zero masking key, so
 * masking costs the generator nothing; servers unmask as usual. Replies may
 * come fragmented; pings from the server are ignored, a close is an error.
 *
 * Output: one line on stdout,
 *   result mode=pingpong conns=64 value=12345.6 unit=msg/s lost=0 errors=0 seconds=5.00
 * errors counts content/length mismatches, refused upgrades and connection
 * failures; the exit status is 1 when errors > 0 (the line is still printed).
 *
 * HOST must be a loopback address (127.0.0.0/8 or ::1). Every run stops by
 * itself: SECONDS (at most 3600), then each connection sends a close frame
 * (1000) when it is between frames, and is closed without waiting for the reply.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PING_LEN 32
#define STREAM_LEN 1000000
#define STREAM_WINDOW 4
#define MAX_CONNS 4096
#define RBUF (256 * 1024)

enum mode { PINGPONG, STREAM };

struct conn {
    int fd;
    int dead;
    unsigned events;
    /* outgoing: the frame being written and how far */
    unsigned char *out;
    size_t out_len, out_off;
    uint64_t sent_msgs;   /* messages fully written */
    uint64_t echoed_msgs; /* messages fully read back */
    /* incoming: raw bytes not yet parsed, and the message being assembled */
    unsigned char *in;
    size_t in_len;
    size_t msg_len; /* bytes of the current message so far */
    uint64_t frame_left; /* payload bytes of the current frame not yet read */
    int frame_open, frame_fin, frame_data;
    uint32_t expect_seq;
};

static enum mode mode;
static size_t payload_len;
static unsigned char *stream_payload; /* the 1 MB pattern; bytes 0..3 carry the sequence number */
static uint64_t errors;
static struct timespec t0;

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)(t.tv_sec - t0.tv_sec) * 1000000000LL + (t.tv_nsec - t0.tv_nsec);
}

static void die(const char *what) {
    fprintf(stderr, "wsload: %s: %s\n", what, strerror(errno));
    exit(2);
}

static int loopback(const struct sockaddr *sa) {
    if (sa->sa_family == AF_INET) {
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    }
    if (sa->sa_family == AF_INET6) {
        return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
    }
    return 0;
}

/* The payload of message number seq: pingpong derives all 32 bytes from it, stream stamps the first 4. */
static void fill_ping(unsigned char *p, uint32_t seq, uint32_t id) {
    for (int i = 0; i < PING_LEN; i++) {
        p[i] = (unsigned char)('a' + (seq * 7 + id * 13 + (uint32_t)i) % 26);
    }
}

/* Builds one masked frame (FIN, opcode, zero mask) holding payload; returns its length. */
static size_t frame(unsigned char *dst, int opcode, const unsigned char *payload, size_t len) {
    size_t h = 0;
    dst[h++] = (unsigned char)(0x80 | opcode);
    if (len < 126) {
        dst[h++] = (unsigned char)(0x80 | len);
    } else if (len <= 0xffff) {
        dst[h++] = 0x80 | 126;
        dst[h++] = (unsigned char)(len >> 8);
        dst[h++] = (unsigned char)len;
    } else {
        dst[h++] = 0x80 | 127;
        for (int i = 7; i >= 0; i--) dst[h++] = (unsigned char)((uint64_t)len >> (8 * i));
    }
    memset(dst + h, 0, 4); /* the masking key: XOR with zero leaves the payload as it is */
    h += 4;
    memcpy(dst + h, payload, len);
    return h + len;
}

static void next_frame(struct conn *c, uint32_t id) {
    if (mode == PINGPONG) {
        unsigned char p[PING_LEN];
        fill_ping(p, (uint32_t)c->sent_msgs, id);
        c->out_len = frame(c->out, 0x1, p, PING_LEN);
    } else {
        /* the frame is built once; each message after that only stamps its sequence number */
        uint32_t seq = (uint32_t)c->sent_msgs;
        if (c->out_len == 0) {
            memcpy(stream_payload, &seq, 4);
            c->out_len = frame(c->out, 0x2, stream_payload, STREAM_LEN);
        } else {
            memcpy(c->out + c->out_len - STREAM_LEN, &seq, 4);
        }
    }
    c->out_off = 0;
}

/* Opens a connection and completes the upgrade (blocking, before the clock starts). */
static int open_conn(const struct addrinfo *ai, const char *host, const char *port, const char *path) {
    int fd = socket(ai->ai_family, SOCK_STREAM, 0);
    if (fd < 0) die("socket");
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) die("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char req[1024];
    int n = snprintf(req, sizeof req,
        "GET %s HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", path, host, port);
    if (write(fd, req, (size_t)n) != n) die("write upgrade");
    char resp[4096];
    size_t got = 0;
    while (got < sizeof resp - 1) {
        ssize_t r = read(fd, resp + got, 1); /* byte by byte: nothing after the head may be swallowed */
        if (r <= 0) die("read upgrade");
        got += (size_t)r;
        resp[got] = 0;
        if (got >= 4 && memcmp(resp + got - 4, "\r\n\r\n", 4) == 0) break;
    }
    if (strncmp(resp, "HTTP/1.1 101", 12) != 0
        || !strstr(resp, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")) { /* the RFC's accept value for this key */
        char *eol = strstr(resp, "\r\n");
        if (eol) *eol = 0;
        fprintf(stderr, "wsload: upgrade refused: %s\n", resp);
        exit(2);
    }
    return fd;
}

static void set_events(int ep, struct conn *c, unsigned want, uint32_t id) {
    if (c->events == want) return;
    struct epoll_event ev = {.events = want, .data.u32 = id};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl");
    c->events = want;
}

/* Checks one slice of a data frame's payload against the message being echoed. */
static int check(struct conn *c, uint32_t id, const unsigned char *p, size_t len) {
    if (mode == PINGPONG) {
        unsigned char want[PING_LEN];
        fill_ping(want, c->expect_seq, id);
        return c->msg_len + len <= PING_LEN && memcmp(p, want + c->msg_len, len) == 0;
    }
    if (c->msg_len + len > STREAM_LEN) return 0;
    size_t i = 0;
    for (; i < len && c->msg_len + i < 4; i++) {
        if (p[i] != (unsigned char)(c->expect_seq >> (8 * (c->msg_len + i)))) return 0;
    }
    return memcmp(p + i, stream_payload + c->msg_len + i, len - i) == 0;
}

/*
 * Consumes c->in: frame heads are parsed when whole, payloads slice by slice as they arrive
 * (c->frame_left bytes of the current frame remain). Returns -1 on a protocol error or a mismatch.
 */
static int parse(struct conn *c, uint32_t id) {
    size_t off = 0;
    for (;;) {
        if (c->frame_left > 0) {
            size_t take = c->in_len - off < c->frame_left ? c->in_len - off : (size_t)c->frame_left;
            if (take == 0) break;
            if (c->frame_data) {
                if (!check(c, id, c->in + off, take)) return -1;
                c->msg_len += take;
            }
            off += take;
            c->frame_left -= take;
            if (c->frame_left > 0) break;
        }
        if (c->frame_left == 0 && c->frame_open) {
            c->frame_open = 0;
            if (c->frame_data && c->frame_fin) {
                if (c->msg_len != payload_len) return -1;
                c->msg_len = 0;
                c->expect_seq++;
                c->echoed_msgs++;
            }
        }
        size_t avail = c->in_len - off;
        if (avail < 2) break;
        unsigned char *f = c->in + off;
        int opcode = f[0] & 0x0f;
        if (f[1] & 0x80) return -1; /* servers never mask */
        uint64_t len = f[1] & 0x7f;
        size_t h = 2;
        if (len == 126) {
            if (avail < 4) break;
            len = ((uint64_t)f[2] << 8) | f[3];
            h = 4;
        } else if (len == 127) {
            if (avail < 10) break;
            len = 0;
            for (int i = 0; i < 8; i++) len = (len << 8) | f[2 + i];
            h = 10;
        }
        if (opcode == 0x8) return -1; /* the server closed on us */
        off += h;
        c->frame_open = 1;
        c->frame_fin = (f[0] & 0x80) != 0;
        c->frame_data = opcode == 0x0 || opcode == 0x1 || opcode == 0x2; /* pings and pongs are skipped */
        c->frame_left = len;
    }
    memmove(c->in, c->in + off, c->in_len - off);
    c->in_len -= off;
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: wsload pingpong|stream HOST PORT PATH CONNS SECONDS\n");
        return 2;
    }
    mode = strcmp(argv[1], "stream") == 0 ? STREAM : PINGPONG;
    if (mode == PINGPONG && strcmp(argv[1], "pingpong") != 0) {
        fprintf(stderr, "wsload: unknown mode %s\n", argv[1]);
        return 2;
    }
    const char *host = argv[2], *port = argv[3], *path = argv[4];
    int nconns = atoi(argv[5]);
    double seconds = atof(argv[6]);
    if (nconns < 1 || nconns > MAX_CONNS || seconds <= 0 || seconds > 3600) {
        fprintf(stderr, "wsload: CONNS must be 1..%d and SECONDS 0..3600\n", MAX_CONNS);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai;
    if (getaddrinfo(host, port, &hints, &ai) != 0) {
        fprintf(stderr, "wsload: cannot resolve %s\n", host);
        return 2;
    }
    if (!loopback(ai->ai_addr)) {
        fprintf(stderr, "wsload: %s is not a loopback address\n", host);
        return 2;
    }
    payload_len = mode == PINGPONG ? PING_LEN : STREAM_LEN;
    if (mode == STREAM) {
        stream_payload = malloc(STREAM_LEN);
        for (size_t i = 0; i < STREAM_LEN; i++) stream_payload[i] = (unsigned char)(i * 31 + 7);
    }
    struct conn *conns = calloc((size_t)nconns, sizeof *conns);
    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1");
    for (int i = 0; i < nconns; i++) {
        struct conn *c = &conns[i];
        c->fd = open_conn(ai, host, port, path);
        c->out = malloc(payload_len + 16);
        c->in = malloc(RBUF);
        if (fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK) < 0) die("fcntl");
        next_frame(c, (uint32_t)i);
        struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.u32 = (uint32_t)i};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) < 0) die("epoll_ctl");
        c->events = EPOLLIN | EPOLLOUT;
    }
    freeaddrinfo(ai);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int64_t end = (int64_t)(seconds * 1e9);
    struct epoll_event evs[256];
    int alive = nconns;
    while (alive > 0 && now_ns() < end) {
        int n = epoll_wait(ep, evs, 256, 50);
        for (int k = 0; k < n; k++) {
            uint32_t id = evs[k].data.u32;
            struct conn *c = &conns[id];
            if (c->dead) continue;
            int bad = 0;
            if (evs[k].events & EPOLLIN) {
                for (;;) {
                    ssize_t r = read(c->fd, c->in + c->in_len, RBUF - c->in_len);
                    if (r > 0) {
                        c->in_len += (size_t)r;
                        if (parse(c, id) < 0) { bad = 1; break; }
                        if (c->in_len == RBUF) { bad = 1; break; }
                        continue;
                    }
                    if (r == 0 || errno != EAGAIN) bad = 1;
                    break;
                }
            }
            if (!bad && (evs[k].events & (EPOLLERR | EPOLLHUP))) bad = 1;
            /* write while there is a frame to write and the window allows it */
            while (!bad) {
                uint64_t in_flight = c->sent_msgs - c->echoed_msgs;
                uint64_t window = mode == PINGPONG ? 1 : STREAM_WINDOW;
                if (c->out_off == c->out_len) {
                    if (in_flight >= window) break;
                    next_frame(c, id);
                }
                ssize_t w = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
                if (w < 0) {
                    if (errno != EAGAIN) bad = 1;
                    break;
                }
                c->out_off += (size_t)w;
                if (c->out_off == c->out_len) c->sent_msgs++;
            }
            if (bad) {
                errors++;
                c->dead = 1;
                alive--;
                close(c->fd);
                continue;
            }
            int want_out = c->out_off < c->out_len
                || (c->sent_msgs - c->echoed_msgs) < (uint64_t)(mode == PINGPONG ? 1 : STREAM_WINDOW);
            set_events(ep, c, EPOLLIN | (want_out ? EPOLLOUT : 0), id);
        }
    }
    double elapsed = (double)now_ns() / 1e9;
    uint64_t echoed = 0;
    for (int i = 0; i < nconns; i++) {
        echoed += conns[i].echoed_msgs;
        if (!conns[i].dead) {
            /* a close frame (1000) after whatever frame is half written would be garbage: only on a frame boundary */
            if (conns[i].out_off == conns[i].out_len || conns[i].out_off == 0) {
                static const unsigned char bye[] = {0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8};
                if (write(conns[i].fd, bye, sizeof bye) < 0) { /* the server may be gone already */ }
            }
            close(conns[i].fd);
        }
    }
    printf("result mode=%s conns=%d value=%.1f unit=msg/s lost=0 errors=%llu seconds=%.2f\n",
        mode == PINGPONG ? "pingpong" : "stream", nconns, (double)echoed / elapsed,
        (unsigned long long)errors, elapsed);
    return errors > 0 ? 1 : 0;
}
