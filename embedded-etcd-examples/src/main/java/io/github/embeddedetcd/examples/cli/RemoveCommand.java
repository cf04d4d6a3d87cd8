package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.cluster.ClusterCalls;
import io.github.embeddedetcd.cluster.MembershipOperations;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.EtcdConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code remove ENDPOINT NAME [CONFIG]}: remove a member by name. */
@Command(name = "remove", description = "Remove the member NAME from the cluster at ENDPOINT (a client or peer URL). "
        + "An unknown name is an error that lists the members.")
final class RemoveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ENDPOINT", description = "URL of a member of the cluster.")
    String endpoint;

    @Parameters(index = "1", paramLabel = "NAME", description = "Name of the member to remove.")
    String name;

    @Parameters(index = "2", arity = "0..1", paramLabel = "CONFIG", description = "Config file; only its "
            + "embedded.request-timeout is used.")
    Path config;

    @Override
    public Integer call() {
        EtcdConfig settings = (config == null ? EtcdConfig.builder() : ConfigFile.read(config)).build();
        ClusterCalls calls = ClusterCalls.connect(Endpoints.resolve(endpoint), settings.requestTimeout());
        Member member = MembershipOperations.byName(calls, name);
        Optional<Member> removed = MembershipOperations.remove(calls, member.id());
        System.out.println(removed.isPresent()
                ? "Removed member '" + name + "' (" + member.idHex() + ") from the cluster."
                : "Member '" + name + "' was already removed.");
        return 0;
    }
}
