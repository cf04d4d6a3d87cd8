/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.network;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few C library calls a netlink socket inside another network namespace needs (64-bit Linux). */
interface LibC extends Library {

    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int SOL_SOCKET = 1;
    int SO_RCVTIMEO = 20;
    int SO_RCVBUFFORCE = 33;
    int CLONE_NEWNET = 0x40000000;
    int EINTR = 4;
    int EAGAIN = 11;
    int ENOBUFS = 105;

    /** Loaded on first use, so that merely loading the testkit needs no native code. */
    static LibC get() {
        return Holder.INSTANCE;
    }

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int setsockopt(int fd, int level, int name, Pointer value, int len) throws LastErrorException;

    long send(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    long recv(int fd, Pointer buf, long len, int flags) throws LastErrorException;

    /** Lazy holder of the loaded library. */
    final class Holder {
        private static final LibC INSTANCE = Native.load("c", LibC.class);

        private Holder() {
        }
    }
}
