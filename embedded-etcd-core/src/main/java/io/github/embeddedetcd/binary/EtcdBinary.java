package io.github.embeddedetcd.binary;

import java.nio.file.Path;

/** An etcd executable that was found and whose version was checked. */
public record EtcdBinary(Path path, EtcdVersion version) {

    /** Whether this etcd has {@code --unsafe-no-fsync} (3.5 and newer). */
    public boolean supportsUnsafeNoFsync() {
        return version.isAtLeast(new EtcdVersion(3, 5, 0));
    }
}
