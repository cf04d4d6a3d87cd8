package io.github.embeddedetcd;

import io.github.embeddedetcd.process.EtcdProcess;

/** Lets {@link EmbeddedEtcd#close()} cut a start short: join retries stop, a starting etcd is killed. */
final class Cancellation {

    private volatile boolean requested;
    private EtcdProcess process;

    boolean isRequested() {
        return requested;
    }

    synchronized void attach(EtcdProcess starting) {
        process = starting;
        if (requested) {
            starting.kill();
        }
    }

    synchronized void cancel() {
        requested = true;
        if (process != null) {
            process.kill();
        }
    }
}
