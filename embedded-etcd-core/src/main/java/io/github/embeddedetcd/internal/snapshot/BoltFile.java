/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the library needs from an etcd backend file (a snapshot or {@code member/snap/db}):
 * the store's revision, the applied raft index and the members. etcd keeps its data in a bbolt file: two meta
 * pages, the newer of which names the root bucket's B+tree; etcd's bucket {@code key} holds one
 * entry per revision (8 bytes big-endian main revision first), and bucket {@code meta} the
 * finished compaction's revision and the consistent (applied) index. Read-only, positional reads;
 * a file that is not a bbolt file of this layout is an {@link IOException} saying so.
 */
public final class BoltFile implements AutoCloseable {

    private static final int MAGIC = 0xED0CDAED;
    private static final int PAGE_HEADER = 16;
    private static final int ELEMENT = 16;
    private static final int BRANCH_PAGE = 0x01;
    private static final int LEAF_PAGE = 0x02;
    private static final int BUCKET_LEAF = 0x01;
    private static final int BUCKET_HEADER = 16;
    /** Each step down a B+tree; a damaged file with a loop in it must not make a reader run forever. */
    private static final int MAX_DEPTH = 64;

    private final FileChannel file;
    private final Path path;
    private final long rootBucketPage;
    private final int pageSize;

    private BoltFile(FileChannel file, Path path, long rootBucketPage, int pageSize) {
        this.file = file;
        this.path = path;
        this.rootBucketPage = rootBucketPage;
        this.pageSize = pageSize;
    }

    /** Opens the file and reads its newest meta page. */
    public static BoltFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            ByteBuffer first = read(channel, 0, PAGE_HEADER + 64);
            if (first.getInt(PAGE_HEADER) != MAGIC) {
                throw new IOException(path + " is not an etcd backend file (no bbolt header)");
            }
            int pageSize = first.getInt(PAGE_HEADER + 8);
            if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
                throw new IOException(path + " has an impossible bbolt page size " + pageSize);
            }
            ByteBuffer second = read(channel, pageSize, PAGE_HEADER + 64);
            ByteBuffer newest = second.getInt(PAGE_HEADER) == MAGIC && txid(second) > txid(first) ? second : first;
            return new BoltFile(channel, path, newest.getLong(PAGE_HEADER + 16), pageSize);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(path + " is not a readable etcd backend file: " + e, e);
        }
    }

    private static long txid(ByteBuffer meta) {
        // magic, version, page size, flags (4 bytes each), root bucket (16), freelist, high water mark: then txid
        return meta.getLong(PAGE_HEADER + 48);
    }

    /**
     * The store's revision: the newest revision with an entry, or the finished compaction's when that
     * is newer (a compacted delete leaves no entry), as etcd computes it on start; 1 for an empty store.
     */
    public long revision() throws IOException {
        try {
            return newestRevision();
        } catch (RuntimeException e) {
            throw damaged(e);
        }
    }

    private long newestRevision() throws IOException {
        Optional<Node> keys = bucket("key");
        Optional<byte[]> newestKey = keys.isPresent() ? lastKey(keys.get()) : Optional.empty();
        long newestEntry = newestKey.map(BoltFile::mainRevision).orElse(0L);
        long compacted = metaValue("finishedCompactRev").map(BoltFile::mainRevision).orElse(0L);
        return Math.max(1, Math.max(newestEntry, compacted));
    }

    /** The raft index the backend has applied ({@code consistent_index}); 0 when it has none yet. */
    public long consistentIndex() throws IOException {
        try {
            return metaValue("consistent_index").map(value -> ByteBuffer.wrap(value).getLong()).orElse(0L);
        } catch (RuntimeException e) {
            throw damaged(e);
        }
    }

    /** The values of every key in one of etcd's buckets (e.g. {@code members}), in key order; none when it is absent. */
    public List<byte[]> values(String bucket) throws IOException {
        try {
            List<byte[]> values = new ArrayList<>();
            Optional<Node> root = bucket(bucket);
            if (root.isPresent()) {
                collect(root.get(), values, 0);
            }
            return values;
        } catch (RuntimeException e) {
            throw damaged(e);
        }
    }

    private void collect(Node node, List<byte[]> values, int depth) throws IOException {
        checkDepth(depth);
        for (int i = 0; i < node.count(); i++) {
            if (node.isBranch()) {
                collect(page(node.childPage(i)), values, depth + 1);
            } else if ((node.leafFlags(i) & BUCKET_LEAF) == 0) {
                values.add(node.value(i));
            }
        }
    }

    /** A page or element that points outside its page, or a page of no known kind. */
    private IOException damaged(RuntimeException e) {
        return new IOException(path + " is damaged: its bbolt pages do not hold together (" + e + ")", e);
    }

    private Optional<byte[]> metaValue(String key) throws IOException {
        Optional<Node> meta = bucket("meta");
        return meta.isPresent() ? find(meta.get(), bytes(key), 0).map(Entry::value) : Optional.empty();
    }

    private static long mainRevision(byte[] revisionKey) {
        return ByteBuffer.wrap(revisionKey, 0, 8).getLong();
    }

    private Optional<Node> bucket(String name) throws IOException {
        Optional<Entry> entry = find(page(rootBucketPage), bytes(name), 0);
        if (entry.isEmpty() || (entry.get().flags() & BUCKET_LEAF) == 0) {
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.wrap(entry.get().value()).order(ByteOrder.LITTLE_ENDIAN);
        long root = header.getLong(0);
        if (root != 0) {
            return Optional.of(page(root));
        }
        ByteBuffer inline = header.slice(BUCKET_HEADER, header.capacity() - BUCKET_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        return Optional.of(new Node(inline, 0));
    }

    /** The entry with this key in the tree under {@code node}, if there is one. */
    private Optional<Entry> find(Node node, byte[] key, int depth) throws IOException {
        checkDepth(depth);
        if (node.isBranch()) {
            int child = 0;
            for (int i = 1; i < node.count(); i++) {
                if (Arrays.compareUnsigned(node.key(i), key) <= 0) {
                    child = i;
                }
            }
            return node.count() == 0 ? Optional.empty() : find(page(node.childPage(child)), key, depth + 1);
        }
        for (int i = 0; i < node.count(); i++) {
            if (Arrays.equals(node.key(i), key)) {
                return Optional.of(new Entry(node.leafFlags(i), node.value(i)));
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> lastKey(Node node) throws IOException {
        Node at = node;
        for (int depth = 0; at.isBranch(); depth++) {
            checkDepth(depth);
            if (at.count() == 0) {
                return Optional.empty();
            }
            at = page(at.childPage(at.count() - 1));
        }
        return at.count() == 0 ? Optional.empty() : Optional.of(at.key(at.count() - 1));
    }

    private void checkDepth(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException(path + " is damaged: its bbolt tree is deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Node page(long id) throws IOException {
        long offset = id * pageSize;
        if (id < 0 || offset + PAGE_HEADER > file.size()) {
            throw new IOException(path + " is damaged or cut short: its page " + id + " lies beyond its end");
        }
        long length = (long) pageSize * (1L + Integer.toUnsignedLong(read(file, offset, PAGE_HEADER).getInt(12)));
        return new Node(read(file, offset, (int) Math.min(Math.min(length, Integer.MAX_VALUE), file.size() - offset)), 0);
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("end of file at " + (offset + buffer.position()) + ", " + length + " bytes wanted");
            }
        }
        return buffer.flip();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private record Entry(int flags, byte[] value) {
    }

    /** A page (or an inline bucket's page) and its elements, each 16 bytes, positions relative to the element. */
    private record Node(ByteBuffer page, int start) {

        boolean isBranch() {
            int flags = Short.toUnsignedInt(page.getShort(start + 8));
            if ((flags & (BRANCH_PAGE | LEAF_PAGE)) == 0) {
                throw new IllegalStateException("page is neither a branch nor a leaf (flags " + flags + ")");
            }
            return (flags & BRANCH_PAGE) != 0;
        }

        int count() {
            return Short.toUnsignedInt(page.getShort(start + 10));
        }

        private int element(int i) {
            return start + PAGE_HEADER + i * ELEMENT;
        }

        /** Branch: pos, ksize, child page; leaf: flags, pos, ksize, vsize. */
        byte[] key(int i) {
            int e = element(i);
            return isBranch() ? slice(e + page.getInt(e), page.getInt(e + 4))
                    : slice(e + page.getInt(e + 4), page.getInt(e + 8));
        }

        long childPage(int i) {
            return page.getLong(element(i) + 8);
        }

        int leafFlags(int i) {
            return page.getInt(element(i));
        }

        byte[] value(int i) {
            int e = element(i);
            return slice(e + page.getInt(e + 4) + page.getInt(e + 8), page.getInt(e + 12));
        }

        private byte[] slice(int offset, int length) {
            byte[] out = new byte[length];
            page.get(offset, out);
            return out;
        }
    }
}
