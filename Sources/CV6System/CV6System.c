#define _GNU_SOURCE
#include "CV6System.h"

#include <linux/capability.h>
#include <linux/icmp.h>
#include <linux/filter.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/ioctl.h>
#include <netinet/icmp6.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

_Static_assert(sizeof(cv6_mmsghdr) == sizeof(struct mmsghdr), "cv6_mmsghdr must match struct mmsghdr");
_Static_assert(offsetof(cv6_mmsghdr, msg_len) == offsetof(struct mmsghdr, msg_len), "msg_len offset");

_Static_assert(CV6_ICMP6_FILTER == ICMP6_FILTER, "ICMP6_FILTER");
_Static_assert(CV6_ICMP_FILTER == ICMP_FILTER, "ICMP_FILTER");

int cv6_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

int cv6_sendmmsg(int fd, cv6_mmsghdr *messages, unsigned int count, int flags) {
    return sendmmsg(fd, (struct mmsghdr *)messages, count, flags);
}

int cv6_recvmmsg(int fd, cv6_mmsghdr *messages, unsigned int count, int flags, struct timespec *timeout) {
    return recvmmsg(fd, (struct mmsghdr *)messages, count, flags, timeout);
}

_Static_assert(sizeof(cv6_filter_instruction) == sizeof(struct sock_filter), "cv6_filter_instruction must match sock_filter");

int cv6_attach_socket_filter(int fd, const cv6_filter_instruction *program, unsigned short count) {
    struct sock_fprog filter = {.len = count, .filter = (struct sock_filter *)program};
    return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &filter, sizeof filter);
}

int cv6_set_thread_name(const char *name) {
    return prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0);
}

int cv6_available_processors(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
    return CPU_COUNT(&set);
}

int cv6_tun_attach(int fd, const char *name) {
    struct ifreq request;
    memset(&request, 0, sizeof request);
    request.ifr_flags = IFF_TUN | IFF_NO_PI;
    strncpy(request.ifr_name, name, IFNAMSIZ - 1);
    return ioctl(fd, TUNSETIFF, &request);
}

int cv6_setns_network(int fd) {
    return setns(fd, CLONE_NEWNET);
}

int cv6_capset_empty(void) {
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {{0}};
    return (int)syscall(SYS_capset, &header, data);
}

int cv6_prctl_set_keepcaps(int keep) {
    return prctl(PR_SET_KEEPCAPS, (unsigned long)(keep ? 1 : 0), 0UL, 0UL, 0UL);
}

int cv6_prctl_set_no_new_privs(void) {
    return prctl(PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL);
}

int cv6_prctl_clear_ambient_capabilities(void) {
    return prctl(PR_CAP_AMBIENT, (unsigned long)PR_CAP_AMBIENT_CLEAR_ALL, 0UL, 0UL, 0UL);
}

struct cmsghdr *cv6_cmsg_firsthdr(const struct msghdr *message) {
    return CMSG_FIRSTHDR(message);
}

struct cmsghdr *cv6_cmsg_nxthdr(struct msghdr *message, struct cmsghdr *current) {
    return CMSG_NXTHDR(message, current);
}

const void *cv6_cmsg_data(const struct cmsghdr *header) {
    return CMSG_DATA(header);
}

size_t cv6_cmsg_space(size_t length) {
    return CMSG_SPACE(length);
}
