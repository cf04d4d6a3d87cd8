package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EmbeddedEtcd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code server [CONFIG]}: start this member and keep it running until SIGINT/SIGTERM. */
@Command(name = "server", description = "Start this member (a new cluster, or a restart from its data dir) "
        + "and run until Ctrl-C. Without CONFIG: the default config (this host's name, 127.0.0.1:2379/2380).")
final class ServerCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "etcd YAML config file.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedEtcd.Builder builder = EmbeddedEtcd.builder();
        if (config != null) {
            builder.config(config);
        }
        EmbeddedEtcd etcd = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            etcd.close();
            stopped.countDown();
        }, "etcd-embedded-stop"));
        etcd.start();
        System.out.println("etcd member '" + etcd.name() + "' is running; clients: " + etcd.clientEndpoints()
                + ". Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
