/*
 * loadgen: small native load generator for echo servers (loopback only).
 *
 *   loadgen bulk     HOST PORT CONNS SECONDS
 *       Each TCP connection writes a 64 KiB pattern buffer continuously and
 *       reads the echo back at the same time (nonblocking, epoll). Every
 *       echoed byte is compared with what was sent. When SECONDS are over
 *       it stops writing, half-closes, and reads until everything sent has
 *       come back (bounded by a drain timeout), so the echoed byte count is
 *       checked exactly. value = echoed MB/s (1 MB = 10^6 bytes) inside the
 *       measured window.
 *
 *   loadgen pingpong HOST PORT CONNS SECONDS
 *       Each TCP connection sends 64 bytes (content changes every round),
 *       waits for exactly those 64 bytes back, checks them, repeats.
 *       value = completed round trips per second, over all connections.
 *
 *   loadgen udp      HOST PORT FLOWS SECONDS
 *       FLOWS UDP sockets, each with one 64-byte datagram in flight. A reply
 *       that does not come back within the per-datagram timeout counts as
 *       lost and the flow sends its next datagram. value = echoed datagrams
 *       per second; lost = timed-out datagrams (including those still
 *       missing at the end).
 *
 * Output: one line on stdout,
 *   result mode=bulk conns=16 value=1234.5 unit=MB/s lost=0 errors=0 seconds=5.00
 * errors counts content/length mismatches and connection failures; the exit
 * status is 1 when errors > 0 (the line is still printed).
 *
 * Environment (optional):
 *   LOADGEN_THREADS         worker threads (default 1); connections are split
 *   LOADGEN_UDP_TIMEOUT_MS  per-datagram timeout (default 200)
 *   LOADGEN_DRAIN_MS        bulk drain timeout after the run (default 10000)
 *
 * HOST must be a loopback address (127.0.0.0/8 or ::1). Every run stops by
 * itself: SECONDS (at most 3600) plus a bounded drain.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BULK_BUF (64 * 1024)
#define MSG_LEN 64
#define MAX_EVENTS 512

enum mode { BULK, PINGPONG, UDP };

struct conn {
    int fd;
    int done;       /* closed / finished */
    int outstanding; /* udp: a datagram is in flight */
    unsigned events; /* current epoll interest */
    uint64_t tx;     /* bulk: bytes sent */
    uint64_t rx;     /* bulk: bytes echoed back */
    uint32_t seq;    /* pingpong/udp: current message number */
    uint32_t id;     /* connection / flow index */
    size_t sent;     /* pingpong: bytes of current message written */
    size_t got;      /* pingpong: bytes of current message read back */
    int64_t sent_at; /* udp: send time of the datagram in flight (ns) */
    unsigned char msg[MSG_LEN];
};

struct worker {
    pthread_t tid;
    struct conn *conns;
    int nconns;
    int ep;
    /* results */
    uint64_t bytes;  /* bulk: echoed bytes inside the window */
    uint64_t count;  /* pingpong: round trips, udp: datagrams, inside the window */
    uint64_t lost;
    uint64_t errors;
    int64_t t_end;   /* when this worker closed its measurement window */
};

static enum mode g_mode;
static struct sockaddr_storage g_addr;
static socklen_t g_addrlen;
static int64_t g_start, g_deadline;
static int64_t g_udp_timeout_ns = 200LL * 1000000;
static int64_t g_drain_ns = 10000LL * 1000000;
static unsigned char g_pattern[2 * BULK_BUF];

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int ms_until(int64_t t) {
    int64_t d = t - now_ns();
    if (d <= 0) return 0;
    return (int)((d + 999999) / 1000000);
}

static void usage(void) {
    fprintf(stderr,
            "usage: loadgen bulk|pingpong HOST PORT CONNS SECONDS\n"
            "       loadgen udp HOST PORT FLOWS SECONDS\n");
    exit(2);
}

static long parse_long(const char *s, long lo, long hi, const char *what) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno || v < lo || v > hi) {
        fprintf(stderr, "bad %s: %s (allowed %ld..%ld)\n", what, s, lo, hi);
        exit(2);
    }
    return v;
}

static long env_long(const char *name, long def, long lo, long hi) {
    const char *s = getenv(name);
    if (s == NULL || *s == '\0') return def;
    return parse_long(s, lo, hi, name);
}

static void parse_addr(const char *host, int port) {
    memset(&g_addr, 0, sizeof g_addr);
    struct sockaddr_in *a4 = (struct sockaddr_in *)&g_addr;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&g_addr;
    if (strcmp(host, "localhost") == 0) host = "127.0.0.1";
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        if ((ntohl(a4->sin_addr.s_addr) >> 24) != 127) goto not_loopback;
        a4->sin_family = AF_INET;
        a4->sin_port = htons((unsigned short)port);
        g_addrlen = sizeof *a4;
        return;
    }
    if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        if (!IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr)) goto not_loopback;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((unsigned short)port);
        g_addrlen = sizeof *a6;
        return;
    }
    fprintf(stderr, "bad host: %s (give a numeric loopback address)\n", host);
    exit(2);
not_loopback:
    fprintf(stderr, "refusing non-loopback host %s\n", host);
    exit(2);
}

/* Byte i of the endless bulk stream is g_pattern[i % BULK_BUF]; the table is
 * doubled so any chunk of up to BULK_BUF bytes is one contiguous compare. */
static void init_pattern(void) {
    uint32_t x = 0x9e3779b9u;
    for (int i = 0; i < BULK_BUF; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        g_pattern[i] = (unsigned char)x;
        g_pattern[i + BULK_BUF] = (unsigned char)x;
    }
}

static void fill_msg(struct conn *c) {
    for (int j = 0; j < MSG_LEN; j++) c->msg[j] = (unsigned char)(c->seq * 7u + (unsigned)j * 13u + c->id);
    memcpy(c->msg, &c->id, 4);
    memcpy(c->msg + 4, &c->seq, 4);
}

static void set_events(struct worker *w, struct conn *c, unsigned events) {
    if (c->events == events) return;
    struct epoll_event ev;
    ev.events = events;
    ev.data.ptr = c;
    if (epoll_ctl(w->ep, EPOLL_CTL_MOD, c->fd, &ev) == 0) c->events = events;
}

static void fail_conn(struct worker *w, struct conn *c, const char *why) {
    if (c->done) return;
    fprintf(stderr, "loadgen: connection %u: %s\n", c->id, why);
    w->errors++;
    close(c->fd);
    c->done = 1;
}

/* ---------------------------------------------------------------- bulk */

static void bulk_write(struct worker *w, struct conn *c) {
    size_t off = (size_t)(c->tx % BULK_BUF);
    ssize_t n = send(c->fd, g_pattern + off, BULK_BUF - off, MSG_NOSIGNAL);
    if (n > 0) c->tx += (uint64_t)n;
    else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        fail_conn(w, c, strerror(errno));
}

/* returns bytes read, 0 on EOF, -1 when nothing to read (or failed) */
static ssize_t bulk_read(struct worker *w, struct conn *c, unsigned char *buf) {
    ssize_t n = recv(c->fd, buf, BULK_BUF, 0);
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) fail_conn(w, c, strerror(errno));
        return -1;
    }
    if (n == 0) return 0;
    if (c->rx + (uint64_t)n > c->tx) {
        fail_conn(w, c, "received more bytes than were sent");
        return -1;
    }
    size_t off = (size_t)(c->rx % BULK_BUF);
    if (memcmp(buf, g_pattern + off, (size_t)n) != 0) {
        fail_conn(w, c, "echoed bytes differ from the bytes sent");
        return -1;
    }
    c->rx += (uint64_t)n;
    return n;
}

static void run_bulk(struct worker *w) {
    unsigned char *buf = malloc(BULK_BUF);
    struct epoll_event evs[MAX_EVENTS];
    if (buf == NULL) {
        w->errors++;
        return;
    }
    /* measured phase */
    for (;;) {
        int64_t t = now_ns();
        if (t >= g_deadline) {
            w->t_end = t;
            break;
        }
        int n = epoll_wait(w->ep, evs, MAX_EVENTS, ms_until(g_deadline));
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            if (c->done) continue;
            if (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
                ssize_t r = bulk_read(w, c, buf);
                if (r == 0) fail_conn(w, c, "server closed the connection");
            }
            if (!c->done && (evs[i].events & EPOLLOUT)) bulk_write(w, c);
        }
    }
    for (int i = 0; i < w->nconns; i++) w->bytes += w->conns[i].rx;

    /* drain phase: stop writing, half-close, wait for the full echo */
    int open = 0;
    for (int i = 0; i < w->nconns; i++) {
        struct conn *c = &w->conns[i];
        if (c->done) continue;
        shutdown(c->fd, SHUT_WR);
        set_events(w, c, EPOLLIN);
        if (c->rx == c->tx) {
            close(c->fd);
            c->done = 1;
        } else {
            open++;
        }
    }
    int64_t drain_deadline = now_ns() + g_drain_ns;
    while (open > 0 && now_ns() < drain_deadline) {
        int n = epoll_wait(w->ep, evs, MAX_EVENTS, ms_until(drain_deadline));
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            if (c->done) continue;
            ssize_t r = bulk_read(w, c, buf);
            if (c->done) { /* failed */
                open--;
            } else if (r == 0) {
                char why[128];
                snprintf(why, sizeof why, "echo ended short: sent %llu bytes, got back %llu",
                         (unsigned long long)c->tx, (unsigned long long)c->rx);
                fail_conn(w, c, why);
                open--;
            } else if (c->rx == c->tx) {
                close(c->fd);
                c->done = 1;
                open--;
            }
        }
    }
    for (int i = 0; i < w->nconns; i++) {
        struct conn *c = &w->conns[i];
        if (c->done) continue;
        char why[128];
        snprintf(why, sizeof why, "drain timed out: sent %llu bytes, got back %llu",
                 (unsigned long long)c->tx, (unsigned long long)c->rx);
        fail_conn(w, c, why);
    }
    free(buf);
}

/* ------------------------------------------------------------ pingpong */

static void pp_send(struct worker *w, struct conn *c) {
    while (c->sent < MSG_LEN) {
        ssize_t n = send(c->fd, c->msg + c->sent, MSG_LEN - c->sent, MSG_NOSIGNAL);
        if (n > 0) {
            c->sent += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            set_events(w, c, EPOLLIN | EPOLLOUT);
            return;
        } else {
            fail_conn(w, c, n < 0 ? strerror(errno) : "send returned 0");
            return;
        }
    }
    set_events(w, c, EPOLLIN);
}

static void pp_start(struct worker *w, struct conn *c) {
    c->seq++;
    c->sent = c->got = 0;
    fill_msg(c);
    pp_send(w, c);
}

static void pp_read(struct worker *w, struct conn *c, int counting) {
    unsigned char buf[2 * MSG_LEN];
    ssize_t n = recv(c->fd, buf, sizeof buf, 0);
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) fail_conn(w, c, strerror(errno));
        return;
    }
    if (n == 0) {
        fail_conn(w, c, "server closed the connection");
        return;
    }
    if ((size_t)n > c->sent - c->got) {
        fail_conn(w, c, "received more bytes than were sent");
        return;
    }
    if (memcmp(buf, c->msg + c->got, (size_t)n) != 0) {
        fail_conn(w, c, "echoed bytes differ from the bytes sent");
        return;
    }
    c->got += (size_t)n;
    if (c->got == MSG_LEN) {
        if (counting) {
            w->count++;
            pp_start(w, c);
        }
    }
}

static void run_pingpong(struct worker *w) {
    struct epoll_event evs[MAX_EVENTS];
    for (int i = 0; i < w->nconns; i++) pp_start(w, &w->conns[i]);
    for (;;) {
        int64_t t = now_ns();
        if (t >= g_deadline) {
            w->t_end = t;
            break;
        }
        int n = epoll_wait(w->ep, evs, MAX_EVENTS, ms_until(g_deadline));
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            if (c->done) continue;
            if (evs[i].events & EPOLLOUT) pp_send(w, c);
            if (!c->done && (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) pp_read(w, c, 1);
        }
    }
    /* the round in flight is simply abandoned */
    for (int i = 0; i < w->nconns; i++) {
        if (!w->conns[i].done) close(w->conns[i].fd);
        w->conns[i].done = 1;
    }
}

/* ----------------------------------------------------------------- udp */

static void udp_send(struct worker *w, struct conn *c) {
    c->seq++;
    fill_msg(c);
    c->sent_at = now_ns();
    c->outstanding = 1;
    ssize_t n = send(c->fd, c->msg, MSG_LEN, 0);
    /* a send that fails (EAGAIN, ECONNREFUSED from an earlier ICMP, ...)
     * is handled like a lost datagram: the timeout fires and it counts. */
    (void)n;
    (void)w;
}

/* counting: inside the measured window */
static void udp_read(struct worker *w, struct conn *c, int counting) {
    for (;;) {
        unsigned char buf[2 * MSG_LEN];
        ssize_t n = recv(c->fd, buf, sizeof buf, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return; /* EAGAIN, or an ICMP error (the timeout handles it) */
        }
        uint32_t id, seq;
        if (n != MSG_LEN) {
            w->errors++;
            fprintf(stderr, "loadgen: flow %u: got a %zd-byte datagram, expected %d\n", c->id, n, MSG_LEN);
            continue;
        }
        memcpy(&id, buf, 4);
        memcpy(&seq, buf + 4, 4);
        if (id != c->id) {
            w->errors++;
            fprintf(stderr, "loadgen: flow %u: got a datagram of flow %u\n", c->id, id);
            continue;
        }
        if (!c->outstanding || seq != c->seq) continue; /* late echo of a datagram already counted lost */
        if (memcmp(buf, c->msg, MSG_LEN) != 0) {
            w->errors++;
            fprintf(stderr, "loadgen: flow %u: echoed datagram differs from the one sent\n", c->id);
            continue;
        }
        c->outstanding = 0;
        if (counting) {
            w->count++;
            udp_send(w, c);
        }
    }
}

static void run_udp(struct worker *w) {
    struct epoll_event evs[MAX_EVENTS];
    int64_t scan_every = g_udp_timeout_ns / 10;
    if (scan_every < 1000000) scan_every = 1000000;
    for (int i = 0; i < w->nconns; i++) udp_send(w, &w->conns[i]);
    int64_t next_scan = now_ns() + scan_every;
    for (;;) {
        int64_t t = now_ns();
        if (t >= g_deadline) {
            w->t_end = t;
            break;
        }
        if (t >= next_scan) {
            for (int i = 0; i < w->nconns; i++) {
                struct conn *c = &w->conns[i];
                if (c->outstanding && t - c->sent_at >= g_udp_timeout_ns) {
                    w->lost++;
                    udp_send(w, c);
                }
            }
            next_scan = t + scan_every;
        }
        int64_t wake = next_scan < g_deadline ? next_scan : g_deadline;
        int n = epoll_wait(w->ep, evs, MAX_EVENTS, ms_until(wake));
        for (int i = 0; i < n; i++) udp_read(w, evs[i].data.ptr, 1);
    }
    /* wait (bounded) for datagrams still in flight; missing ones are lost */
    int64_t drain_deadline = now_ns() + g_udp_timeout_ns;
    for (;;) {
        int open = 0;
        for (int i = 0; i < w->nconns; i++) open += w->conns[i].outstanding;
        if (open == 0 || now_ns() >= drain_deadline) {
            w->lost += (uint64_t)open;
            break;
        }
        int n = epoll_wait(w->ep, evs, MAX_EVENTS, ms_until(drain_deadline));
        for (int i = 0; i < n; i++) udp_read(w, evs[i].data.ptr, 0);
    }
    for (int i = 0; i < w->nconns; i++) close(w->conns[i].fd);
}

/* ------------------------------------------------------------- set-up */

static int open_conn(int id) {
    int type = g_mode == UDP ? SOCK_DGRAM : SOCK_STREAM;
    int fd = socket(g_addr.ss_family, type | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        perror("socket");
        exit(1);
    }
    if (connect(fd, (struct sockaddr *)&g_addr, g_addrlen) < 0) {
        fprintf(stderr, "loadgen: connect #%d: %s\n", id, strerror(errno));
        exit(1);
    }
    if (type == SOCK_STREAM) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
        perror("fcntl");
        exit(1);
    }
    return fd;
}

static void *worker_main(void *arg) {
    struct worker *w = arg;
    if (g_mode == BULK) run_bulk(w);
    else if (g_mode == PINGPONG) run_pingpong(w);
    else run_udp(w);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 6) usage();
    if (strcmp(argv[1], "bulk") == 0) g_mode = BULK;
    else if (strcmp(argv[1], "pingpong") == 0) g_mode = PINGPONG;
    else if (strcmp(argv[1], "udp") == 0) g_mode = UDP;
    else usage();
    int port = (int)parse_long(argv[3], 1, 65535, "port");
    int nconns = (int)parse_long(argv[4], 1, 10000, "connection count");
    int secs = (int)parse_long(argv[5], 1, 3600, "seconds");
    int nthreads = (int)env_long("LOADGEN_THREADS", 1, 1, 64);
    g_udp_timeout_ns = env_long("LOADGEN_UDP_TIMEOUT_MS", 200, 1, 10000) * 1000000LL;
    g_drain_ns = env_long("LOADGEN_DRAIN_MS", 10000, 1, 60000) * 1000000LL;
    if (nthreads > nconns) nthreads = nconns;
    parse_addr(argv[2], port);
    signal(SIGPIPE, SIG_IGN);
    init_pattern();

    struct conn *conns = calloc((size_t)nconns, sizeof *conns);
    struct worker *ws = calloc((size_t)nthreads, sizeof *ws);
    if (conns == NULL || ws == NULL) {
        perror("calloc");
        return 1;
    }
    for (int i = 0; i < nconns; i++) {
        conns[i].fd = open_conn(i);
        conns[i].id = (uint32_t)i;
    }
    /* split connections over workers, each with its own epoll set */
    int per = nconns / nthreads, extra = nconns % nthreads, next = 0;
    for (int t = 0; t < nthreads; t++) {
        struct worker *w = &ws[t];
        w->conns = &conns[next];
        w->nconns = per + (t < extra ? 1 : 0);
        next += w->nconns;
        w->ep = epoll_create1(EPOLL_CLOEXEC);
        if (w->ep < 0) {
            perror("epoll_create1");
            return 1;
        }
        for (int i = 0; i < w->nconns; i++) {
            struct conn *c = &w->conns[i];
            struct epoll_event ev;
            c->events = g_mode == BULK ? (EPOLLIN | EPOLLOUT) : EPOLLIN;
            ev.events = c->events;
            ev.data.ptr = c;
            if (epoll_ctl(w->ep, EPOLL_CTL_ADD, c->fd, &ev) < 0) {
                perror("epoll_ctl");
                return 1;
            }
        }
    }

    g_start = now_ns();
    g_deadline = g_start + (int64_t)secs * 1000000000LL;
    for (int t = 1; t < nthreads; t++) {
        if (pthread_create(&ws[t].tid, NULL, worker_main, &ws[t]) != 0) {
            perror("pthread_create");
            return 1;
        }
    }
    worker_main(&ws[0]);
    for (int t = 1; t < nthreads; t++) pthread_join(ws[t].tid, NULL);

    uint64_t bytes = 0, count = 0, lost = 0, errors = 0;
    int64_t t_end = g_deadline;
    for (int t = 0; t < nthreads; t++) {
        bytes += ws[t].bytes;
        count += ws[t].count;
        lost += ws[t].lost;
        errors += ws[t].errors;
        if (ws[t].t_end > t_end) t_end = ws[t].t_end;
    }
    double secs_run = (double)(t_end - g_start) / 1e9;
    const char *mode_name = g_mode == BULK ? "bulk" : g_mode == PINGPONG ? "pingpong" : "udp";
    if (g_mode == BULK) {
        printf("result mode=%s conns=%d value=%.1f unit=MB/s lost=%llu errors=%llu seconds=%.2f\n",
               mode_name, nconns, (double)bytes / 1e6 / secs_run, (unsigned long long)lost,
               (unsigned long long)errors, secs_run);
    } else if (g_mode == PINGPONG) {
        printf("result mode=%s conns=%d value=%.1f unit=rt/s lost=%llu errors=%llu seconds=%.2f\n",
               mode_name, nconns, (double)count / secs_run, (unsigned long long)lost,
               (unsigned long long)errors, secs_run);
    } else {
        printf("result mode=%s flows=%d value=%.1f unit=dgram/s lost=%llu errors=%llu seconds=%.2f\n",
               mode_name, nconns, (double)count / secs_run, (unsigned long long)lost,
               (unsigned long long)errors, secs_run);
    }
    fflush(stdout);
    for (int t = 0; t < nthreads; t++) close(ws[t].ep);
    free(ws);
    free(conns);
    return errors > 0 ? 1 : 0;
}
