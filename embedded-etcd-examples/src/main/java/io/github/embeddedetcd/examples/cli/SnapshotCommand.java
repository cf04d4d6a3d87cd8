/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.snapshot.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code snapshot ENDPOINT FILE [CONFIG]}: save a checked snapshot, as {@code etcdctl snapshot save} does. */
@Command(name = "snapshot", description = "Save a snapshot of the cluster at ENDPOINT (its first voter that answers) "
        + "to FILE, in etcdctl's format, its hash checked, with its metadata in FILE.json.")
final class SnapshotCommand extends AdminCommand {

    @Parameters(index = "1", paramLabel = "FILE", description = "Where to save it; a file there is replaced only by "
            + "a complete, checked snapshot.")
    Path file;

    @Override
    public Integer call() {
        Snapshot saved = admin().snapshot(file);
        System.out.printf("Saved %s: revision %d, %d bytes, from member '%s' of cluster %s (etcd %s), sha256 %s%n",
                saved.file(), saved.revision(), saved.sizeBytes(), saved.member(), saved.clusterIdHex(),
                saved.etcdVersion(), saved.sha256());
        return 0;
    }
}
