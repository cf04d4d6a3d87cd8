/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MemberStatus;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.EtcdAccess;
import io.github.embeddedetcd.internal.cluster.JetcdClients;
import io.github.embeddedetcd.snapshot.Snapshot;
import io.github.embeddedetcd.snapshot.SnapshotException;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Saves and reads snapshot files. A snapshot is streamed into a temporary file next to its final
 * name, written through to disk, checked (etcd's SHA-256, a readable database), described in its
 * metadata file, and only then renamed into place; on any failure the temporary files are removed
 * and a file already at the final name is left as it was. Files are readable by their owner only:
 * a snapshot holds every key.
 */
public final class SnapshotFiles {

    private static final Set<StandardOpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private SnapshotFiles() {
    }

    /**
     * Saves a snapshot of the member at {@code memberUrl} to {@code target}.
     *
     * @throws SnapshotException saying what failed, where, and what to do; nothing is left at {@code target}
     */
    public static Snapshot save(URI memberUrl, EtcdAccess access, Path target) {
        Path file = target.toAbsolutePath().normalize();
        return save(memberUrl, access, file.getParent(), taken -> file.getFileName().toString());
    }

    /**
     * Saves a snapshot of the member at {@code memberUrl} into {@code directory}, under the name that
     * {@code naming} gives what was taken (its file is not yet final then).
     *
     * @throws SnapshotException saying what failed, where, and what to do; nothing is left in {@code directory}
     */
    public static Snapshot save(URI memberUrl, EtcdAccess access, Path directory, Function<Snapshot, String> naming) {
        Path dir = directory.toAbsolutePath().normalize();
        ClusterCalls calls = ClusterCalls.connect(List.of(memberUrl), access);
        ClusterCalls.Membership membership;
        MemberStatus status;
        try {
            membership = calls.members();
            status = calls.status(memberUrl);
        } catch (RuntimeException e) {
            throw new SnapshotException("Cannot take a snapshot of the member at " + memberUrl + ": " + e.getMessage()
                    + ". A snapshot needs a running voter (a learner cannot list the members); try another member.", e);
        }
        String member = membership.members().stream().filter(m -> m.id() == membership.answeredBy())
                .map(Member::name).findFirst().orElse("");
        Path temp = dir.resolve(".snapshot.part-" + UUID.randomUUID().toString().substring(0, 8));
        Path metadataTemp = Snapshot.metadataFile(temp);
        Path file = temp;
        try {
            Files.createDirectories(dir);
            SnapshotStream.Received received;
            try (Client client = JetcdClients.forEndpoints(List.of(memberUrl), access);
                 FileChannel out = FileChannel.open(temp, CREATE, ownerOnly())) {
                received = SnapshotStream.write(client, out, temp, access.timeout());
                out.force(true);
            }
            long revision;
            try (BoltFile database = BoltFile.open(temp)) {
                revision = database.revision();
            }
            Snapshot taken = new Snapshot(temp, revision, received.bytes(), received.sha256(), member,
                    membership.answeredBy(), membership.clusterId(), status.raft().version(), Instant.now(),
                    membership.members().stream().map(m -> m.with(false, Optional.empty())).toList());
            file = dir.resolve(naming.apply(taken));
            Snapshot snapshot = new Snapshot(file, taken.revision(), taken.sizeBytes(), taken.sha256(), taken.member(),
                    taken.memberId(), taken.clusterId(), taken.etcdVersion(), taken.takenAt(), taken.members());
            writeThrough(metadataTemp, SnapshotMetadata.toJson(snapshot));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(metadataTemp, Snapshot.metadataFile(file), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
            return snapshot;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            deleteQuietly(metadataTemp);
            String where = file == temp ? dir.toString() : file.toString();
            throw new SnapshotException("Cannot save a snapshot of member '" + member + "' (" + memberUrl + ") to "
                    + where + ": " + describe(e) + ". Check that " + dir + " is writable and has room for the "
                    + "database (" + status.raft().dbSize() + " bytes); no snapshot was left there.", e);
        }
    }

    /**
     * The snapshot at {@code file}, as its metadata file describes it.
     *
     * @throws SnapshotException when the file or its metadata is missing or cannot be read
     */
    public static Snapshot read(Path file) {
        Path metadata = Snapshot.metadataFile(file);
        try {
            return SnapshotMetadata.fromJson(Files.readString(metadata, StandardCharsets.UTF_8), file);
        } catch (IOException | RuntimeException e) {
            throw new SnapshotException("Cannot read the metadata of snapshot " + file + " (" + metadata + "): "
                    + describe(e) + ". It is written next to each snapshot the library saves; a snapshot saved "
                    + "by etcdctl has none.", e);
        }
    }

    /** The snapshots in {@code directory} that have metadata, oldest first; files without it are left out. */
    public static List<Snapshot> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> Files.isRegularFile(Snapshot.metadataFile(f)) && !f.getFileName().toString()
                            .startsWith(".")).map(SnapshotFiles::read)
                    .sorted(Comparator.comparing(Snapshot::takenAt)).toList();
        } catch (IOException e) {
            throw new SnapshotException("Cannot list the snapshots in " + directory + ": " + describe(e), e);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static void writeThrough(Path file, String text) throws IOException {
        try (FileChannel out = FileChannel.open(file, CREATE, ownerOnly())) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
    }

    /** Makes the renames durable: a directory's entries reach the disk when the directory is synced. */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the temporary name starts with a dot and says ".part"
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof FileSystemException fs) {
            return fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName());
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
