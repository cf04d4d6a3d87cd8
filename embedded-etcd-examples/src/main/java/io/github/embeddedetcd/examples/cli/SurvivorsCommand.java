/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.config.ForceNewCluster;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.recovery.Survivor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code survivors CONFIG...}: which stopped member has the newest data, to reset a cluster that lost its majority to. */
@Command(name = "survivors", description = "After a cluster lost its majority: read the data dirs of these stopped "
        + "members and tell which has the newest data (raft commit index, then last entry's term and index), the one "
        + "to reset the cluster to; with --reset, start that one as 'server --force-new-cluster' does.")
final class SurvivorsCommand implements Callable<Integer> {

    private static final String[] HEADERS = {"MEMBER", "CONFIG", "DATA DIR", "COMMIT INDEX", "LAST TERM", "LAST INDEX"};

    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Config files of the members that kept their data.")
    List<Path> configs;

    @Option(names = "--reset", description = "Then reset the cluster to the newest survivor and run it until Ctrl-C "
            + "(refused while a majority of the old members answers).")
    boolean reset;

    @Override
    public Integer call() throws InterruptedException {
        Map<Survivor, Path> survivors = new LinkedHashMap<>();
        List<String[]> rows = new ArrayList<>();
        for (Path config : configs) {
            MemberOptions member = MemberOptions.of(config);
            try {
                Survivor survivor = Survivor.examine(member.settings());
                survivors.put(survivor, config);
                rows.add(new String[] {survivor.member(), config.toString(), survivor.dataDir().toString(),
                        Long.toString(survivor.commitIndex()), Long.toString(survivor.lastTerm()),
                        Long.toString(survivor.lastIndex())});
            } catch (EmbeddedEtcdException unusable) {
                System.err.println("etcd-embedded: " + config + ": " + unusable.getMessage());
            }
        }
        if (survivors.isEmpty()) {
            System.err.println("etcd-embedded: none of these members has etcd data left; restore a snapshot instead "
                    + "(server --restore SNAPSHOT).");
            return 1;
        }
        System.out.print(MemberTable.render(HEADERS, rows));
        Survivor newest;
        try {
            newest = Survivor.newest(survivors.keySet());
        } catch (IllegalArgumentException mixed) {
            System.err.println("etcd-embedded: " + mixed.getMessage());
            return 1;
        }
        Path config = survivors.get(newest);
        System.out.println("Newest data: '" + newest.member() + "' (" + config + "). Reset the cluster to it with: "
                + "etcd-embedded server " + config + " --force-new-cluster");
        if (!reset) {
            return 0;
        }
        MemberOptions member = MemberOptions.of(config);
        member.configure(c -> c.set(Settings.FORCE_NEW_CLUSTER, ForceNewCluster.IF_MAJORITY_LOST));
        return new RunningMember().run(member, etcd -> etcd.start());
    }
}
