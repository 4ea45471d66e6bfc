// CV6System: the few Linux calls and macros Swift's Glibc module does not expose (they need _GNU_SOURCE,
// are macros, or are variadic). Each function is a one-line pass-through; V6System wraps them in typed
// Swift and handles errno. Nothing else in the package uses this module.
#ifndef CV6SYSTEM_H
#define CV6SYSTEM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>

/// struct mmsghdr (hidden by glibc without _GNU_SOURCE), with the same layout.
typedef struct cv6_mmsghdr {
    struct msghdr msg_hdr;
    unsigned int msg_len;
} cv6_mmsghdr;

/// Option names whose headers clash with Glibc's module; CV6System.c checks them against the real headers.
#define CV6_ICMP6_FILTER 1  /* setsockopt level IPPROTO_ICMPV6, <netinet/icmp6.h> */
#define CV6_ICMP_FILTER 1   /* setsockopt level SOL_RAW, <linux/icmp.h> */

/// accept4(2): accept a connection with SOCK_NONBLOCK | SOCK_CLOEXEC set atomically.
int cv6_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// sendmmsg(2): send up to `count` datagrams in one system call.
int cv6_sendmmsg(int fd, cv6_mmsghdr *messages, unsigned int count, int flags);

/// recvmmsg(2): receive up to `count` datagrams in one system call.
int cv6_recvmmsg(int fd, cv6_mmsghdr *messages, unsigned int count, int flags, struct timespec *timeout);

/// setns(2) with CLONE_NEWNET: move the calling thread into the network namespace open on `fd`.
int cv6_setns_network(int fd);

/// capset(2) with all three sets empty (version 3), for the calling thread.
int cv6_capset_empty(void);

/// prctl(PR_SET_KEEPCAPS, keep): whether permitted capabilities survive a switch away from uid 0.
int cv6_prctl_set_keepcaps(int keep);

/// prctl(PR_SET_NO_NEW_PRIVS, 1): execve can never grant privileges again (setuid bits, file capabilities).
int cv6_prctl_set_no_new_privs(void);

/// prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL): clear the ambient capability set.
int cv6_prctl_clear_ambient_capabilities(void);

/// prctl(PR_CAPBSET_DROP) for every capability up to the last the kernel knows: empties the bounding set.
/// Returns -1 (errno EPERM) when the caller lacks CAP_SETPCAP.
int cv6_capbset_drop_all(void);

/// capget(2) for the calling thread: the effective and permitted sets as 64-bit masks.
int cv6_capget(uint64_t *effective, uint64_t *permitted);

/// setresuid(2) / setresgid(2) / getresuid(2) / getresgid(2) (hidden by glibc without _GNU_SOURCE).
/// glibc applies the set calls to every thread of the process.
int cv6_setresuid(unsigned int real, unsigned int effective, unsigned int saved);
int cv6_setresgid(unsigned int real, unsigned int effective, unsigned int saved);
int cv6_getresuid(unsigned int *real, unsigned int *effective, unsigned int *saved);
int cv6_getresgid(unsigned int *real, unsigned int *effective, unsigned int *saved);

/// setfsuid(2) / setfsgid(2) for the calling thread: file access as that user while the effective ids (and
/// the non-file capabilities, such as CAP_NET_RAW) stay. Returns the previous id.
int cv6_setfsuid(unsigned int user);
int cv6_setfsgid(unsigned int group);

/// getgrouplist(3): the groups of `user` (with `group`); `count` in: capacity, out: how many (may exceed it).
int cv6_getgrouplist(const char *user, unsigned int group, unsigned int *groups, int *count);

/// struct sock_filter (linux/filter.h), one classic BPF instruction, with the same layout.
typedef struct cv6_filter_instruction {
    uint16_t code;
    uint8_t jump_if_true;
    uint8_t jump_if_false;
    uint32_t constant;
} cv6_filter_instruction;

/// setsockopt(SOL_SOCKET, SO_ATTACH_FILTER, struct sock_fprog): attach a classic BPF program to a socket.
int cv6_attach_socket_filter(int fd, const cv6_filter_instruction *program, unsigned short count);

/// prctl(PR_SET_NAME): name the calling thread (the kernel keeps 15 bytes).
int cv6_set_thread_name(const char *name);

/// CPU_COUNT of sched_getaffinity: the processors this process may run on, or -1 with errno.
int cv6_available_processors(void);

/// A process deadline without a thread: alarm(2) and a SIGALRM handler that writes `head`, the current phase and
/// `tail` to stderr, then _exit(exit_code). Only async-signal-safe calls run in the handler. Returns -1 with errno
/// when the handler cannot be installed.
int cv6_deadline_arm(unsigned int seconds, const char *head, const char *tail, int exit_code);
/// The phase the message names; the text is copied (earlier copies are kept, so the handler never reads freed memory).
void cv6_deadline_set_phase(const char *phase);
/// Cancels the alarm.
void cv6_deadline_cancel(void);

/// ioctl(TUNSETIFF) with IFF_TUN | IFF_NO_PI: turn an open /dev/net/tun descriptor into the layer-3 device
/// `name` (created in the calling thread's network namespace, gone when the descriptor closes).
int cv6_tun_attach(int fd, const char *name);

/// ioctl(SIOCGIFMTU) on any socket `fd`: the MTU of interface `name` in the socket's network namespace, or -1 with errno.
int cv6_interface_mtu(int fd, const char *name);

/// ioctl(SIOCGIFHWADDR) on any socket `fd`: copies up to 6 bytes of interface `name`'s hardware address to `out`;
/// returns the ARPHRD type (1 for Ethernet), or -1 with errno.
int cv6_interface_hardware_address(int fd, const char *name, uint8_t out[6]);

/// CMSG_FIRSTHDR: the first control message of a received msghdr, or NULL.
struct cmsghdr *cv6_cmsg_firsthdr(const struct msghdr *message);

/// CMSG_NXTHDR: the control message after `current`, or NULL.
struct cmsghdr *cv6_cmsg_nxthdr(struct msghdr *message, struct cmsghdr *current);

/// CMSG_DATA: the payload of a control message.
const void *cv6_cmsg_data(const struct cmsghdr *header);

/// CMSG_SPACE: bytes a control message with `length` bytes of data occupies in the buffer.
size_t cv6_cmsg_space(size_t length);

#endif
