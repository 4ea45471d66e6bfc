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
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/fsuid.h>
#include <grp.h>
#include <errno.h>
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

static _Atomic(const char *) cv6_deadline_head = "";
static _Atomic(const char *) cv6_deadline_tail = "";
static _Atomic(const char *) cv6_deadline_phase = "";
static atomic_int cv6_deadline_exit_code = 3;

static void cv6_deadline_write(const char *text) {
    size_t left = strlen(text);
    while (left > 0) {
        ssize_t written = write(2, text, left);
        if (written <= 0) return;
        text += written;
        left -= (size_t)written;
    }
}

static void cv6_deadline_fire(int signal_number) {
    (void)signal_number;
    cv6_deadline_write(atomic_load(&cv6_deadline_head));
    cv6_deadline_write(atomic_load(&cv6_deadline_phase));
    cv6_deadline_write(atomic_load(&cv6_deadline_tail));
    _exit(atomic_load(&cv6_deadline_exit_code));
}

int cv6_deadline_arm(unsigned int seconds, const char *head, const char *tail, int exit_code) {
    const char *head_copy = strdup(head), *tail_copy = strdup(tail);
    if (head_copy == NULL || tail_copy == NULL) return -1;
    atomic_store(&cv6_deadline_head, head_copy);
    atomic_store(&cv6_deadline_tail, tail_copy);
    atomic_store(&cv6_deadline_exit_code, exit_code);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cv6_deadline_fire;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGALRM, &action, NULL) != 0) return -1;
    // The mask is inherited through exec: a parent that blocked SIGALRM must not disarm us.
    sigset_t alarm_only;
    sigemptyset(&alarm_only);
    sigaddset(&alarm_only, SIGALRM);
    if (pthread_sigmask(SIG_UNBLOCK, &alarm_only, NULL) != 0) return -1;
    alarm(seconds);
    return 0;
}

void cv6_deadline_set_phase(const char *phase) {
    const char *copy = strdup(phase);
    if (copy != NULL) atomic_store(&cv6_deadline_phase, copy);
}

void cv6_deadline_cancel(void) {
    alarm(0);
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

int cv6_capbset_drop_all(void) {
    for (unsigned long cap = 0; cap < 64; cap++) {
        if (prctl(PR_CAPBSET_READ, cap, 0UL, 0UL, 0UL) < 0) break;  /* EINVAL: past the last capability */
        if (prctl(PR_CAPBSET_DROP, cap, 0UL, 0UL, 0UL) < 0) return -1;
    }
    return 0;
}

int cv6_capget(uint64_t *effective, uint64_t *permitted) {
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {{0}};
    if (syscall(SYS_capget, &header, data) < 0) return -1;
    *effective = (uint64_t)data[0].effective | ((uint64_t)data[1].effective << 32);
    *permitted = (uint64_t)data[0].permitted | ((uint64_t)data[1].permitted << 32);
    return 0;
}

int cv6_setresuid(unsigned int real, unsigned int effective, unsigned int saved) {
    return setresuid(real, effective, saved);
}

int cv6_setresgid(unsigned int real, unsigned int effective, unsigned int saved) {
    return setresgid(real, effective, saved);
}

int cv6_getresuid(unsigned int *real, unsigned int *effective, unsigned int *saved) {
    return getresuid(real, effective, saved);
}

int cv6_getresgid(unsigned int *real, unsigned int *effective, unsigned int *saved) {
    return getresgid(real, effective, saved);
}

int cv6_setfsuid(unsigned int user) {
    return setfsuid(user);
}

int cv6_setfsgid(unsigned int group) {
    return setfsgid(group);
}

int cv6_getgrouplist(const char *user, unsigned int group, unsigned int *groups, int *count) {
    return getgrouplist(user, group, (gid_t *)groups, count);
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

int cv6_interface_mtu(int fd, const char *name) {
    struct ifreq request;
    memset(&request, 0, sizeof request);
    strncpy(request.ifr_name, name, IFNAMSIZ - 1);
    if (ioctl(fd, SIOCGIFMTU, &request) != 0) return -1;
    return request.ifr_mtu;
}

int cv6_interface_hardware_address(int fd, const char *name, uint8_t out[6]) {
    struct ifreq request;
    memset(&request, 0, sizeof request);
    strncpy(request.ifr_name, name, IFNAMSIZ - 1);
    if (ioctl(fd, SIOCGIFHWADDR, &request) != 0) return -1;
    memcpy(out, request.ifr_hwaddr.sa_data, 6);
    return request.ifr_hwaddr.sa_family;
}
