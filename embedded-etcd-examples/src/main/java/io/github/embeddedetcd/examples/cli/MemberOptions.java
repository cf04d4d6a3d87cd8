package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EmbeddedEtcd;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The optional CONFIG argument shared by the commands that act as this member. */
final class MemberOptions {

    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "etcd YAML config file (default: the embedded defaults).")
    Path config;

    EmbeddedEtcd.Builder builder() {
        EmbeddedEtcd.Builder builder = EmbeddedEtcd.builder();
        if (config != null) {
            builder.config(config);
        }
        return builder;
    }
}
