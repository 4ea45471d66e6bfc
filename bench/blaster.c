// A minimal ICMPv6 echo blaster for bench/probe-scale.sh (not part of v6ready): the floor a probe engine is measured
// against. Reads one IPv6 address per line, sends echo requests in sendmmsg batches as fast as the socket takes
// them while draining replies with recvmmsg, then resends to the silent ones (RETRIES times, TIMEOUT_MS apart) the
// way v6ready's default policy does (500 ms, 2 retries). Needs a raw socket (root or CAP_NET_RAW).
//
//   cc -O2 -o blaster bench/blaster.c
//   ./blaster targets.txt [TIMEOUT_MS=500] [RETRIES=2] [ANSWERED_OUT]
//
// Prints "targets answered sent seconds" on stdout; ANSWERED_OUT receives the answering addresses, one a line.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { BATCH = 64, PAYLOAD = 8 };

static struct in6_addr *targets;
static size_t count, capacity;
static uint8_t *answered;
static size_t answered_count;
static uint16_t ident;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void load(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); exit(2); }
    char line[128];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, " \t\r\n#")] = 0;
        if (!line[0]) continue;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 65536;
            targets = realloc(targets, capacity * sizeof *targets);
            if (!targets) { perror("realloc"); exit(1); }
        }
        if (inet_pton(AF_INET6, line, &targets[count]) == 1) count++;
    }
    fclose(f);
    answered = calloc(count ? count : 1, 1);
}

// Replies carry the target's index in the payload; anything else (another identifier, a short packet) is ignored.
static void drain(int s) {
    struct mmsghdr msgs[BATCH];
    struct iovec iov[BATCH];
    uint8_t buffers[BATCH][256];
    struct sockaddr_in6 from[BATCH];
    for (;;) {
        for (int i = 0; i < BATCH; i++) {
            iov[i] = (struct iovec){buffers[i], sizeof buffers[i]};
            msgs[i].msg_hdr = (struct msghdr){.msg_name = &from[i], .msg_namelen = sizeof from[i], .msg_iov = &iov[i], .msg_iovlen = 1};
        }
        int n = recvmmsg(s, msgs, BATCH, MSG_DONTWAIT, NULL);
        if (n <= 0) return;
        for (int i = 0; i < n; i++) {
            if (msgs[i].msg_len < sizeof(struct icmp6_hdr) + PAYLOAD) continue;
            struct icmp6_hdr *h = (struct icmp6_hdr *)buffers[i];
            if (h->icmp6_type != ICMP6_ECHO_REPLY || ntohs(h->icmp6_id) != ident) continue;
            uint64_t index;
            memcpy(&index, buffers[i] + sizeof *h, sizeof index);
            if (index < count && memcmp(&targets[index], &from[i].sin6_addr, 16) == 0 && !answered[index]) {
                answered[index] = 1;
                answered_count++;
            }
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s TARGETS [TIMEOUT_MS] [RETRIES] [ANSWERED_OUT]\n", argv[0]); return 2; }
    int timeout_ms = argc > 2 ? atoi(argv[2]) : 500, retries = argc > 3 ? atoi(argv[3]) : 2;
    load(argv[1]);
    int s = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK, IPPROTO_ICMPV6);
    if (s < 0) { perror("socket"); return 3; }
    struct icmp6_filter filter;
    ICMP6_FILTER_SETBLOCKALL(&filter);
    ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &filter);
    setsockopt(s, IPPROTO_ICMPV6, ICMP6_FILTER, &filter, sizeof filter);
    int size = 8 << 20;
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    setsockopt(s, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    ident = (uint16_t)getpid();
    double start = now();
    size_t sent = 0;
    struct mmsghdr msgs[BATCH];
    struct iovec iov[BATCH];
    uint8_t packets[BATCH][sizeof(struct icmp6_hdr) + PAYLOAD];
    struct sockaddr_in6 to[BATCH];
    for (int round = 0; round <= retries; round++) {
        size_t next = 0;
        while (next < count) {
            int n = 0;
            while (n < BATCH && next < count) {
                size_t i = next++;
                if (answered[i]) continue;
                struct icmp6_hdr *h = (struct icmp6_hdr *)packets[n];
                memset(h, 0, sizeof *h);
                h->icmp6_type = ICMP6_ECHO_REQUEST;
                h->icmp6_id = htons(ident);
                h->icmp6_seq = htons((uint16_t)i);
                uint64_t index = i;
                memcpy(packets[n] + sizeof *h, &index, sizeof index);
                to[n] = (struct sockaddr_in6){.sin6_family = AF_INET6, .sin6_addr = targets[i]};
                iov[n] = (struct iovec){packets[n], sizeof packets[n]};
                msgs[n].msg_hdr = (struct msghdr){.msg_name = &to[n], .msg_namelen = sizeof to[n], .msg_iov = &iov[n], .msg_iovlen = 1};
                n++;
            }
            int done = 0;
            while (done < n) {
                int r = sendmmsg(s, msgs + done, n - done, 0);
                if (r > 0) { done += r; sent += r; continue; }
                if (r < 0 && errno != EAGAIN && errno != ENOBUFS && errno != EINTR) { perror("sendmmsg"); done = n; break; }
                drain(s);
                struct pollfd p = {s, POLLOUT | POLLIN, 0};
                poll(&p, 1, 1);
            }
            drain(s);
        }
        // Wait for the stragglers of this round, as a timeout would.
        double until = now() + timeout_ms / 1000.0;
        while (now() < until && answered_count < count) {
            struct pollfd p = {s, POLLIN, 0};
            poll(&p, 1, 10);
            drain(s);
        }
        if (answered_count == count) break;
    }
    double seconds = now() - start;
    printf("%zu %zu %zu %.3f\n", count, answered_count, sent, seconds);
    if (argc > 4) {
        FILE *out = fopen(argv[4], "w");
        if (!out) { perror(argv[4]); return 1; }
        char text[INET6_ADDRSTRLEN];
        for (size_t i = 0; i < count; i++)
            if (answered[i]) fprintf(out, "%s\n", inet_ntop(AF_INET6, &targets[i], text, sizeof text));
        fclose(out);
    }
    return 0;
}
