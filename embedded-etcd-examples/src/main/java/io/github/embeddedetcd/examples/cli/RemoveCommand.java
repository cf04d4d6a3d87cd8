/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.Member;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code remove ENDPOINT NAME [CONFIG]}: remove a member by name. */
@Command(name = "remove", description = "Remove the member NAME from the cluster at ENDPOINT (a client or peer URL). "
        + "An unknown name is an error that lists the members.")
final class RemoveCommand extends AdminCommand {

    @Parameters(index = "1", paramLabel = "NAME", description = "Name of the member to remove.")
    String name;

    @Override
    public Integer call() {
        Member removed = admin().remove(name);
        System.out.println("Removed member '" + name + "' (" + removed.idHex() + ") from the cluster.");
        return 0;
    }
}
