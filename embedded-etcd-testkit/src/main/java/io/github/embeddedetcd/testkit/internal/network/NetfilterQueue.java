/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.network;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * One NFQUEUE queue of a network namespace, spoken to over a {@code NETLINK_NETFILTER} socket
 * (linux/netfilter/nfnetlink_queue.h): the kernel hands over each packet that an
 * {@code iptables ... -j NFQUEUE} rule sends here (metadata only), and holds it until it gets a
 * verdict. Netlink and attribute headers are in host byte order, attribute contents big-endian.
 * The queue fails open: when it is full, packets pass.
 */
final class NetfilterQueue implements AutoCloseable {

    private static final int NETLINK_NETFILTER = 12;
    private static final int NLMSG_HDRLEN = 16;
    private static final int NLMSG_ERROR = 2;
    private static final int NLM_F_REQUEST = 0x1;
    private static final int NLM_F_ACK = 0x4;
    private static final int NLA_HDRLEN = 4;
    private static final int NLA_TYPE_MASK = 0x3fff;
    private static final int NFGENMSG_LEN = 4;
    private static final int NFNL_SUBSYS_QUEUE = 3;
    private static final int NFQNL_MSG_PACKET = 0;
    private static final int NFQNL_MSG_VERDICT = 1;
    private static final int NFQNL_MSG_CONFIG = 2;
    private static final int NFQA_PACKET_HDR = 1;
    private static final int NFQA_VERDICT_HDR = 2;
    private static final int NFQA_CFG_CMD = 1;
    private static final int NFQA_CFG_PARAMS = 2;
    private static final int NFQA_CFG_QUEUE_MAXLEN = 3;
    private static final int NFQA_CFG_MASK = 4;
    private static final int NFQA_CFG_FLAGS = 5;
    private static final int NFQNL_CFG_CMD_BIND = 1;
    private static final int NFQNL_CFG_CMD_UNBIND = 2;
    private static final int NFQNL_COPY_META = 1;
    private static final int NFQA_CFG_F_FAIL_OPEN = 1;
    private static final int NF_DROP = 0;
    private static final int NF_ACCEPT = 1;
    private static final int EPERM = 1;
    private static final int PACKET_MESSAGE = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_PACKET;

    private static final int QUEUE_MAXLEN = 4096;
    private static final int RECV_BUFFER_BYTES = 256 * 1024;
    private static final int SOCKET_BUFFER_BYTES = 8 * 1024 * 1024;
    private static final Duration RECV_TIMEOUT = Duration.ofMillis(200);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);
    private static final ByteOrder HOST = ByteOrder.nativeOrder();
    private static final Logger LOG = LoggerFactory.getLogger(NetfilterQueue.class);

    private final int fd;
    private final int queue;
    private final IntConsumer packets;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Void>> pendingAcks = new ConcurrentHashMap<>();
    private final Thread receiver;
    private volatile boolean closed;

    private record Attribute(int type, byte[] payload) {
    }

    private NetfilterQueue(int fd, int queue, IntConsumer packets) {
        this.fd = fd;
        this.queue = queue;
        this.packets = packets;
        this.receiver = new Thread(this::receiveLoop, "etcd-testkit-nfqueue-" + queue);
        this.receiver.setDaemon(true);
    }

    /**
     * Binds queue {@code queue} in the network namespace at {@code namespace} (e.g.
     * {@code /var/run/netns/NAME}); {@code packets} gets each queued packet's id, on the queue's
     * thread, and must answer with {@link #accept} or {@link #drop}, now or later.
     */
    static NetfilterQueue bind(Path namespace, int queue, IntConsumer packets) throws IOException {
        NetfilterQueue bound = new NetfilterQueue(socketIn(namespace), queue, packets);
        bound.receiver.start();
        try {
            bound.configure(
                    new Attribute(NFQA_CFG_CMD, command(NFQNL_CFG_CMD_BIND)),
                    // struct nfqnl_msg_config_params { __be32 copy_range; __u8 copy_mode; }, packed
                    new Attribute(NFQA_CFG_PARAMS, bigEndian(5).putInt(0).put((byte) NFQNL_COPY_META).array()),
                    new Attribute(NFQA_CFG_QUEUE_MAXLEN, bigEndian(4).putInt(QUEUE_MAXLEN).array()),
                    new Attribute(NFQA_CFG_MASK, bigEndian(4).putInt(NFQA_CFG_F_FAIL_OPEN).array()),
                    new Attribute(NFQA_CFG_FLAGS, bigEndian(4).putInt(NFQA_CFG_F_FAIL_OPEN).array()));
        } catch (IOException | RuntimeException e) {
            bound.close();
            throw e;
        }
        return bound;
    }

    void accept(int packetId) {
        verdict(packetId, NF_ACCEPT);
    }

    void drop(int packetId) {
        verdict(packetId, NF_DROP);
    }

    /**
     * Stops receiving and closes the socket, which unbinds the queue; idempotent. Call once no
     * verdict is sent any more. Should the receiver not stop in time, the socket is left open rather
     * than closed under it (its number could be reused meanwhile).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            receiver.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (receiver.isAlive()) {
            LOG.warn("NFQUEUE {} receiver did not stop within {} ms; its socket stays open", queue, JOIN_TIMEOUT.toMillis());
            return;
        }
        LibC.get().close(fd);
    }

    /**
     * setns() moves only the calling thread, so the socket is made on a thread of its own. A socket
     * made after this gave up waiting is closed by that thread, so it cannot keep the namespace alive.
     */
    private static int socketIn(Path namespace) throws IOException {
        if (Native.LONG_SIZE != 8) {
            throw new IOException("delay and loss need a 64-bit JVM");
        }
        LibC.get(); // loads the native library here, not against the deadline below
        CompletableFuture<Integer> made = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                int fd = createSocketIn(namespace);
                if (!made.complete(fd)) {
                    LibC.get().close(fd);
                }
            } catch (IOException | RuntimeException e) {
                made.completeExceptionally(e);
            }
        }, "etcd-testkit-setns");
        thread.setDaemon(true);
        thread.start();
        int fd;
        try {
            fd = made.get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (made.completeExceptionally(e)) {
                throw new IOException("no netlink socket in " + namespace + " within " + JOIN_TIMEOUT.toMillis() + " ms", e);
            }
            fd = made.join();
        } catch (ExecutionException e) {
            throw new IOException("cannot open a netlink socket in " + namespace + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!made.completeExceptionally(e)) {
                LibC.get().close(made.join());
            }
            throw new IOException("interrupted while opening a netlink socket in " + namespace, e);
        }
        try {
            setIntOption(fd, LibC.SO_RCVBUFFORCE, SOCKET_BUFFER_BYTES);
            Memory timeval = new Memory(16); // struct timeval { long tv_sec; long tv_usec; }
            timeval.setLong(0, RECV_TIMEOUT.toSeconds());
            timeval.setLong(8, RECV_TIMEOUT.toMillisPart() * 1000L);
            LibC.get().setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval, (int) timeval.size());
        } catch (LastErrorException e) {
            LibC.get().close(fd);
            throw new IOException("cannot set up the netlink socket (needs CAP_NET_ADMIN): " + e.getMessage(), e);
        }
        return fd;
    }

    private static int createSocketIn(Path namespace) throws IOException {
        Path own = Path.of("/proc/thread-self/ns/net");
        Path ownId = Files.readSymbolicLink(own);
        LibC libc = LibC.get();
        int home = libc.open(own.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            int target = libc.open(namespace.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
            try {
                libc.setns(target, LibC.CLONE_NEWNET);
            } finally {
                libc.close(target);
            }
            int fd = libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, NETLINK_NETFILTER);
            try {
                libc.setns(home, LibC.CLONE_NEWNET);
                if (!Files.readSymbolicLink(own).equals(ownId)) {
                    throw new IOException("thread did not return to network namespace " + ownId);
                }
            } catch (IOException | RuntimeException e) {
                libc.close(fd);
                throw e;
            }
            return fd;
        } finally {
            libc.close(home);
        }
    }

    private static void setIntOption(int fd, int option, int value) {
        Memory memory = new Memory(4);
        memory.setInt(0, value);
        LibC.get().setsockopt(fd, LibC.SOL_SOCKET, option, memory, 4);
    }

    /** struct nfqnl_msg_verdict_hdr { __be32 verdict; __be32 id; } */
    private void verdict(int packetId, int verdict) {
        if (closed) {
            return;
        }
        byte[] header = bigEndian(8).putInt(verdict).putInt(packetId).array();
        try {
            send(message(NFQNL_MSG_VERDICT, NLM_F_REQUEST, 0, new Attribute(NFQA_VERDICT_HDR, header)));
        } catch (LastErrorException e) {
            // the socket is closing: the kernel lets go of the packet with the queue
        }
    }

    /** Sends a config message with NLM_F_ACK and waits (bounded) for the kernel's answer. */
    private void configure(Attribute... attributes) throws IOException {
        int seq = sequence.incrementAndGet();
        CompletableFuture<Void> ack = new CompletableFuture<>();
        pendingAcks.put(seq, ack);
        try {
            send(message(NFQNL_MSG_CONFIG, NLM_F_REQUEST | NLM_F_ACK, seq, attributes));
            ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("binding NFQUEUE " + queue + " failed: " + e.getCause().getMessage()
                    + (e.getCause().getMessage().endsWith("errno " + EPERM) ? " (another process holds the queue)"
                    : " (is the kernel module nfnetlink_queue available? modprobe nfnetlink_queue)"), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the kernel did not answer the NFQUEUE " + queue + " bind within "
                    + ACK_TIMEOUT.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding NFQUEUE " + queue, e);
        } finally {
            pendingAcks.remove(seq);
        }
    }

    /** nlmsghdr + nfgenmsg (res_id: the queue, big-endian) + attributes, each 4-byte aligned. */
    private byte[] message(int type, int flags, int seq, Attribute... attributes) {
        int length = NLMSG_HDRLEN + NFGENMSG_LEN;
        for (Attribute a : attributes) {
            length += align(NLA_HDRLEN + a.payload().length);
        }
        ByteBuffer b = ByteBuffer.allocate(length).order(HOST);
        b.putInt(length).putShort((short) (NFNL_SUBSYS_QUEUE << 8 | type)).putShort((short) flags).putInt(seq).putInt(0);
        b.put((byte) 0).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) queue).order(HOST);
        for (Attribute a : attributes) {
            b.putShort((short) (NLA_HDRLEN + a.payload().length)).putShort((short) a.type()).put(a.payload());
            b.position(align(b.position()));
        }
        return b.array();
    }

    private void send(byte[] message) {
        LibC.get().send(fd, message, message.length, 0);
    }

    /** Receives until closed; the receive timeout lets the loop notice. */
    private void receiveLoop() {
        Memory buffer = new Memory(RECV_BUFFER_BYTES);
        while (!closed) {
            long received;
            try {
                received = LibC.get().recv(fd, buffer, buffer.size(), 0);
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno == LibC.EAGAIN || errno == LibC.EINTR || errno == LibC.ENOBUFS) {
                    continue;
                }
                if (!closed) {
                    giveUp(e);
                }
                return;
            }
            try {
                dispatch(buffer.getByteBuffer(0, received).order(HOST));
            } catch (RuntimeException e) {
                LOG.warn("NFQUEUE {}: a packet could not be handled; receiving goes on", queue, e);
            }
        }
    }

    /** Unbinds the queue, so that the rule's --queue-bypass lets packets pass instead of piling up. */
    private void giveUp(LastErrorException e) {
        LOG.warn("NFQUEUE {} stopped receiving ({}); unbinding it, so its packets pass undelayed", queue, e.getMessage());
        try {
            send(message(NFQNL_MSG_CONFIG, NLM_F_REQUEST, 0, new Attribute(NFQA_CFG_CMD, command(NFQNL_CFG_CMD_UNBIND))));
        } catch (LastErrorException unbindFailed) {
            LOG.warn("NFQUEUE {} could not be unbound: {}", queue, unbindFailed.getMessage());
        }
    }

    /** One receive may hold several netlink messages. */
    private void dispatch(ByteBuffer b) {
        int offset = 0;
        while (offset + NLMSG_HDRLEN <= b.limit()) {
            int length = b.getInt(offset);
            if (length < NLMSG_HDRLEN || offset + length > b.limit()) {
                return;
            }
            int type = b.getShort(offset + 4) & 0xffff;
            if (type == NLMSG_ERROR) {
                onAck(b.getInt(offset + 8), b.getInt(offset + NLMSG_HDRLEN));
            } else if (type == PACKET_MESSAGE) {
                onPacket(b, offset, length);
            }
            offset += align(length);
        }
    }

    /** struct nlmsgerr { int error; ... }: 0 acknowledges, otherwise -errno. */
    private void onAck(int seq, int error) {
        CompletableFuture<Void> ack = pendingAcks.get(seq);
        if (ack != null && error == 0) {
            ack.complete(null);
        } else if (ack != null) {
            ack.completeExceptionally(new IOException("errno " + -error));
        }
    }

    /** Finds NFQA_PACKET_HDR: struct nfqnl_msg_packet_hdr { __be32 packet_id; __be16 hw_protocol; __u8 hook; } */
    private void onPacket(ByteBuffer b, int offset, int length) {
        int attribute = offset + NLMSG_HDRLEN + NFGENMSG_LEN;
        int end = offset + length;
        while (attribute + NLA_HDRLEN <= end) {
            int attributeLength = b.getShort(attribute) & 0xffff;
            if (attributeLength < NLA_HDRLEN) {
                return;
            }
            if ((b.getShort(attribute + 2) & NLA_TYPE_MASK) == NFQA_PACKET_HDR) {
                packets.accept(b.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(attribute + NLA_HDRLEN));
                return;
            }
            attribute += align(attributeLength);
        }
    }

    /** struct nfqnl_msg_config_cmd { __u8 command; __u8 _pad; __be16 pf; } (pf is unused by current kernels) */
    private static byte[] command(int command) {
        return bigEndian(4).put((byte) command).put((byte) 0).putShort((short) 0).array();
    }

    private static ByteBuffer bigEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
    }

    private static int align(int length) {
        return (length + 3) & -4;
    }
}
