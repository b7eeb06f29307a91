/*
 * ws_echo: minimal single-threaded epoll WebSocket echo server, the benchmark
 * kit's reference for what the machine allows on ws.sh's loads, as
 * epoll_echo is for TCP.
 *
 *   ws_echo PORT        WebSocket echo on 127.0.0.1:PORT (0 = pick a free port)
 *
 * After bind it prints exactly "listening ws 127.0.0.1:PORT" on stdout and
 * flushes, the same ready-line shape as nettool.
 *
 * The upgrade: any GET with a Sec-WebSocket-Key is answered 101 with the
 * Sec-WebSocket-Accept computed from it (SHA-1 and base64 below); anything
 * else gets 400 and is closed. No subprotocols, no extensions.
 *
 * Frames are echoed cut-through: a data frame's head goes out as soon as it
 * is parsed, and its payload slice by slice as it arrives, unmasked in place
 * in the read buffer and written from there with writev (one read, one
 * unmasking pass, one write per slice; a frame is never gathered whole).
 * Text payloads are checked as UTF-8 across slices and frames; invalid text
 * is answered with close 1007. Pings are answered with pongs, pongs dropped,
 * a close is answered with the peer's code and the connection then closed.
 * Unmasked client frames, reserved bits and unknown opcodes get close 1002.
 * Level-triggered: while a write is pending the connection waits for EPOLLOUT
 * and reads nothing, so a client that does not read back gets backpressure.
 * It is a measuring stick, not a conformant server: fragments are echoed as
 * the fragments they came in, and message size is not limited.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "bench_server.h"

#define RBUF (256 * 1024)
#define MAX_IOV 512

struct conn {
    int fd;
    int open;            /* the upgrade is done */
    int closing;         /* a close frame is queued: close once it is written */
    unsigned char *in;   /* read buffer: bytes [in_off, in_len) are not yet parsed */
    size_t in_off, in_len;
    /* the frame being echoed */
    uint64_t frame_left; /* payload bytes of the current data frame still to come */
    unsigned char mask[4];
    unsigned mask_pos;
    int fin;             /* the current data frame ends its message */
    int text;            /* the current message is text */
    int utf8_need;       /* continuation bytes still expected */
    unsigned char utf8_lo, utf8_hi; /* bounds of the next continuation byte */
    /* output: iovecs into heads[] and into in, written in order */
    struct iovec iov[MAX_IOV];
    int iov_n, iov_i;
    unsigned char heads[MAX_IOV][16];
    int heads_n;
};

/* ---------------------------------------------------------------- SHA-1 and base64 for the accept key */

static uint32_t rol(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

static void sha1(const unsigned char *msg, size_t len, unsigned char out[20]) {
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    size_t total = ((len + 8) / 64 + 1) * 64;
    unsigned char *m = calloc(1, total);
    if (m == NULL) die("calloc");
    memcpy(m, msg, len);
    m[len] = 0x80;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) m[total - 1 - i] = (unsigned char)(bits >> (8 * i));
    for (size_t blk = 0; blk < total; blk += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; i++) {
            const unsigned char *p = m + blk + 4 * i;
            w[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        }
        for (int i = 16; i < 80; i++) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; i++) {
            uint32_t f, k;
            if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
            else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
            else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
            else { f = b ^ c ^ d; k = 0xCA62C1D6; }
            uint32_t t = rol(a, 5) + f + e + k + w[i];
            e = d; d = c; c = rol(b, 30); b = a; a = t;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
    }
    free(m);
    for (int i = 0; i < 5; i++) {
        out[4 * i] = (unsigned char)(h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(h[i] >> 8);
        out[4 * i + 3] = (unsigned char)h[i];
    }
}

static void base64(const unsigned char *in, size_t len, char *out) {
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < len ? (uint32_t)in[i + 1] << 8 : 0)
            | (i + 2 < len ? in[i + 2] : 0);
        out[o++] = tab[(v >> 18) & 63];
        out[o++] = tab[(v >> 12) & 63];
        out[o++] = i + 1 < len ? tab[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < len ? tab[v & 63] : '=';
    }
    out[o] = 0;
}

/* ---------------------------------------------------------------- output */

static unsigned char *add_head(struct conn *c, int opcode, uint64_t len) {
    unsigned char *h = c->heads[c->heads_n++];
    size_t n = 0;
    h[n++] = (unsigned char)(0x80 | opcode);
    if (len < 126) {
        h[n++] = (unsigned char)len;
    } else if (len <= 0xffff) {
        h[n++] = 126;
        h[n++] = (unsigned char)(len >> 8);
        h[n++] = (unsigned char)len;
    } else {
        h[n++] = 127;
        for (int i = 7; i >= 0; i--) h[n++] = (unsigned char)(len >> (8 * i));
    }
    c->iov[c->iov_n].iov_base = h;
    c->iov[c->iov_n].iov_len = n;
    c->iov_n++;
    return h;
}

/* A data frame's head, as the frame will go back: same FIN bit and opcode, unmasked. */
static void add_data_head(struct conn *c, unsigned char b0, uint64_t len) {
    unsigned char *h = add_head(c, b0 & 0x0f, len);
    h[0] = (unsigned char)(b0 & 0x8f);
}

static void add_slice(struct conn *c, unsigned char *p, size_t len) {
    if (len == 0) return;
    struct iovec *last = c->iov_n > 0 ? &c->iov[c->iov_n - 1] : NULL;
    if (last != NULL && (unsigned char *)last->iov_base + last->iov_len == p) {
        last->iov_len += len; /* the slice continues the previous one in the buffer */
        return;
    }
    c->iov[c->iov_n].iov_base = p;
    c->iov[c->iov_n].iov_len = len;
    c->iov_n++;
}

/* A close frame with the given code (and no reason); the connection closes once it is written. */
static void add_close(struct conn *c, unsigned code) {
    unsigned char *h = add_head(c, 0x8, 2);
    h[2] = (unsigned char)(code >> 8);
    h[3] = (unsigned char)code;
    c->iov[c->iov_n - 1].iov_len = 4;
    c->closing = 1;
}

/* ---------------------------------------------------------------- payload */

static void unmask(struct conn *c, unsigned char *p, size_t len) {
    unsigned char m[8];
    for (int i = 0; i < 8; i++) m[i] = c->mask[(c->mask_pos + (unsigned)i) & 3];
    uint64_t m64;
    memcpy(&m64, m, 8);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        v ^= m64;
        memcpy(p + i, &v, 8);
    }
    for (; i < len; i++) p[i] ^= m[i & 7];
    c->mask_pos = (c->mask_pos + (unsigned)len) & 3;
}

/* Checks a slice of text as UTF-8, carrying a sequence cut between slices; 0 when invalid. */
static int utf8_ok(struct conn *c, const unsigned char *p, size_t len) {
    size_t i = 0;
    while (i < len) {
        if (c->utf8_need > 0) {
            if (p[i] < c->utf8_lo || p[i] > c->utf8_hi) return 0;
            c->utf8_lo = 0x80;
            c->utf8_hi = 0xbf;
            c->utf8_need--;
            i++;
            continue;
        }
        if (i + 8 <= len) {
            uint64_t v;
            memcpy(&v, p + i, 8);
            if ((v & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char b = p[i++];
        if (b < 0x80) continue;
        c->utf8_lo = 0x80;
        c->utf8_hi = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) c->utf8_need = 1;
        else if (b == 0xe0) { c->utf8_need = 2; c->utf8_lo = 0xa0; }
        else if (b == 0xed) { c->utf8_need = 2; c->utf8_hi = 0x9f; }
        else if (b >= 0xe1 && b <= 0xef) c->utf8_need = 2;
        else if (b == 0xf0) { c->utf8_need = 3; c->utf8_lo = 0x90; }
        else if (b == 0xf4) { c->utf8_need = 3; c->utf8_hi = 0x8f; }
        else if (b >= 0xf1 && b <= 0xf3) c->utf8_need = 3;
        else return 0;
    }
    return 1;
}

/*
 * Parses what was read into output: frame heads when whole, payload slices as they come. Stops when
 * the input is used up or holds only part of a frame head (returns 0), the output list is full
 * (returns 1), or a close is queued (returns 0).
 */
static int parse(struct conn *c) {
    for (;;) {
        if (c->closing) return 0;
        if (c->iov_n >= MAX_IOV - 2 || c->heads_n >= MAX_IOV - 2) return 1;
        size_t avail = c->in_len - c->in_off;
        unsigned char *p = c->in + c->in_off;
        if (c->frame_left > 0) {
            if (avail == 0) return 0;
            size_t take = avail < c->frame_left ? avail : (size_t)c->frame_left;
            unmask(c, p, take);
            if (c->text && !utf8_ok(c, p, take)) {
                add_close(c, 1007);
                return 0;
            }
            add_slice(c, p, take);
            c->in_off += take;
            c->frame_left -= take;
            if (c->frame_left == 0 && c->fin && c->text && c->utf8_need > 0) {
                add_close(c, 1007); /* the message ends inside a character */
                return 0;
            }
            continue;
        }
        if (avail < 2) return 0;
        unsigned char b0 = p[0], b1 = p[1];
        int opcode = b0 & 0x0f, fin = (b0 & 0x80) != 0;
        if ((b0 & 0x70) || !(b1 & 0x80) || (opcode > 2 && opcode < 8) || opcode > 10) {
            add_close(c, 1002); /* reserved bits, an unmasked frame, or an unknown opcode */
            return 0;
        }
        uint64_t len = b1 & 0x7f;
        size_t h = 2;
        if (len == 126) {
            if (avail < 4) return 0;
            len = (uint64_t)p[2] << 8 | p[3];
            h = 4;
        } else if (len == 127) {
            if (avail < 10) return 0;
            len = 0;
            for (int i = 0; i < 8; i++) len = len << 8 | p[2 + i];
            h = 10;
        }
        if (avail < h + 4) return 0;
        if (opcode >= 8) {
            if (len > 125 || !fin) {
                add_close(c, 1002);
                return 0;
            }
            if (avail < h + 4 + len) return 0; /* a control frame is taken whole */
            memcpy(c->mask, p + h, 4);
            c->mask_pos = 0;
            unsigned char *payload = p + h + 4;
            unmask(c, payload, (size_t)len);
            c->in_off += h + 4 + len;
            if (opcode == 0x9) { /* ping: pong with its payload */
                add_head(c, 0xa, len);
                add_slice(c, payload, (size_t)len);
            } else if (opcode == 0x8) { /* close: answer with the peer's code */
                unsigned code = len >= 2 ? (unsigned)payload[0] << 8 | payload[1] : 1000;
                add_close(c, code);
            }
            continue;
        }
        if (opcode != 0) {
            c->text = opcode == 1;
            c->utf8_need = 0;
        }
        memcpy(c->mask, p + h, 4);
        c->mask_pos = 0;
        c->in_off += h + 4;
        add_data_head(c, b0, len);
        c->frame_left = len;
        c->fin = fin;
        if (len == 0 && fin && c->text && c->utf8_need > 0) {
            add_close(c, 1007);
            return 0;
        }
    }
}

/* Writes the pending output. Returns 1 when all of it is out, 0 when the socket is full, -1 on error. */
static int flush_out(struct conn *c) {
    while (c->iov_i < c->iov_n) {
        int cnt = c->iov_n - c->iov_i;
        ssize_t n = writev(c->fd, c->iov + c->iov_i, cnt);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
            return -1;
        }
        size_t left = (size_t)n;
        while (left > 0 && c->iov_i < c->iov_n) {
            struct iovec *v = &c->iov[c->iov_i];
            if (left >= v->iov_len) {
                left -= v->iov_len;
                c->iov_i++;
            } else {
                v->iov_base = (unsigned char *)v->iov_base + left;
                v->iov_len -= left;
                left = 0;
            }
        }
    }
    c->iov_n = c->iov_i = c->heads_n = 0;
    return 1;
}

static void discard(void *conn);

static void close_conn(struct conn *c) {
    close(c->fd);
    discard(c);
}

static void set_events(int ep, struct conn *c, unsigned events) {
    struct epoll_event ev = {.events = events, .data.ptr = c};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl mod");
}

/* The upgrade request is in c->in[0, in_len): answers 101 (returns 1), or 400 (returns -1), or 0 for more. */
static int upgrade(struct conn *c) {
    c->in[c->in_len] = 0;
    char *end = strstr((char *)c->in, "\r\n\r\n");
    if (end == NULL) return c->in_len >= 8192 ? -1 : 0;
    const char *key = NULL;
    size_t key_len = 0;
    for (char *line = strstr((char *)c->in, "\r\n"); line != NULL && line < end; line = strstr(line + 2, "\r\n")) {
        static const char name[] = "Sec-WebSocket-Key:";
        if (strncasecmp(line + 2, name, sizeof name - 1) == 0) {
            key = line + 2 + sizeof name - 1;
            while (*key == ' ' || *key == '\t') key++;
            const char *eol = strstr(key, "\r\n");
            key_len = (size_t)(eol - key);
            while (key_len > 0 && (key[key_len - 1] == ' ' || key[key_len - 1] == '\t')) key_len--;
        }
    }
    if (strncmp((char *)c->in, "GET ", 4) != 0 || key == NULL || key_len == 0 || key_len > 64) {
        static const char bad[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        if (write(c->fd, bad, sizeof bad - 1) < 0) { /* closing anyway */ }
        return -1;
    }
    static const char guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    unsigned char both[64 + sizeof guid], digest[20];
    memcpy(both, key, key_len);
    memcpy(both + key_len, guid, sizeof guid - 1);
    sha1(both, key_len + sizeof guid - 1, digest);
    char accept[32];
    base64(digest, 20, accept);
    char resp[256];
    int n = snprintf(resp, sizeof resp, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n", accept);
    if (write(c->fd, resp, (size_t)n) != n) return -1; /* a fresh socket takes 130 bytes at once */
    size_t head = (size_t)(end + 4 - (char *)c->in);
    memmove(c->in, c->in + head, c->in_len - head);
    c->in_len -= head;
    c->in_off = 0;
    c->open = 1;
    return 1;
}

/* Moves the unparsed rest of the read buffer (at most part of a frame head) to its front. */
static void compact(struct conn *c) {
    memmove(c->in, c->in + c->in_off, c->in_len - c->in_off);
    c->in_len -= c->in_off;
    c->in_off = 0;
}

/*
 * Parses what is buffered and writes the echo. Returns -1 when the connection is to be closed, 0 when
 * all of it went out (the buffer is compacted), 1 when the socket is full (EPOLLOUT is asked for).
 */
static int pump(int ep, struct conn *c) {
    for (;;) {
        int full = parse(c);
        int r = flush_out(c);
        if (r < 0) return -1;
        if (r == 0) {
            set_events(ep, c, EPOLLOUT);
            return 1;
        }
        if (c->closing) return -1;
        if (!full) break;
    }
    compact(c);
    return 0;
}

static void on_readable(int ep, struct conn *c) {
    size_t room = c->open ? RBUF - c->in_len : RBUF - 1 - c->in_len;
    ssize_t n = read_some(c->fd, c->in + c->in_len, room);
    if (n < 0) {
        close_conn(c);
        return;
    }
    if (n == 0) return;
    c->in_len += (size_t)n;
    if (!c->open) {
        int u = upgrade(c);
        if (u < 0) {
            close_conn(c);
            return;
        }
        if (u == 0) return;
    }
    if (pump(ep, c) < 0) close_conn(c);
}

static void on_writable(int ep, struct conn *c) {
    int r = flush_out(c);
    if (r < 0 || (r == 1 && c->closing)) {
        close_conn(c);
        return;
    }
    if (r == 0) return;
    int p = pump(ep, c); /* the rest of the buffer */
    if (p < 0) close_conn(c);
    else if (p == 0) set_events(ep, c, EPOLLIN);
}

static void *accepted(int fd) {
    struct conn *c = calloc(1, sizeof *c);
    unsigned char *buf = malloc(RBUF);
    if (c == NULL || buf == NULL) {
        free(c);
        free(buf);
        return NULL;
    }
    c->fd = fd;
    c->in = buf;
    return c;
}

static void ready(int ep, void *conn, unsigned events) {
    struct conn *c = conn;
    if (c->iov_n > c->iov_i) on_writable(ep, c);
    else if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) on_readable(ep, c);
}

static void discard(void *conn) {
    struct conn *c = conn;
    free(c->in);
    free(c);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    serve(bind_socket(SOCK_STREAM, parse_port(argv[1]), "ws"), accepted, ready, discard);
    return 0;
}
