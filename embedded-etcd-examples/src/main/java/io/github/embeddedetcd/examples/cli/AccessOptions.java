/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.Credentials;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.examples.http.HttpSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** TLS and user options for commands that call a cluster from outside, named as etcdctl's. */
final class AccessOptions {

    @Option(names = "--cacert", paramLabel = "FILE", description = "CA that signed the members' certificates (https endpoints).")
    Path cacert;

    @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate, for members with client-cert-auth.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PKCS#8 key of --cert.")
    Path key;

    @Option(names = "--user", paramLabel = "NAME", description = "etcd user, for clusters with authentication on.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the user's password.")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VARIABLE", description = "Environment variable holding the user's password.")
    String passwordEnv;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** As {@link #admin(EndpointUrls, EtcdConfig)}, with the settings of this config file (the defaults when null). */
    EtcdAdmin admin(EndpointUrls endpoints, Path configFile) {
        return admin(endpoints, (configFile == null ? EtcdConfig.builder()
                : ConfigFile.read(configFile, HttpSettings.KEYS).settings()).build());
    }

    /**
     * An admin for the cluster behind these endpoints (client or peer URLs), with a member's settings
     * (deadlines, client TLS, user; a config file's, where one was read) and the options given on top.
     */
    EtcdAdmin admin(EndpointUrls endpoints, EtcdConfig settings) {
        if ((cert == null) != (key == null)) {
            throw new ParameterException(spec.commandLine(), "--cert and --key go together; give both");
        }
        ClientTls tls = cacert == null ? settings.clientTls() : settings.clientTls().withCaFile(cacert);
        tls = cert == null ? tls : tls.withClientCertificate(cert, key);
        EtcdAdmin.Builder admin = EtcdAdmin.builder().settingsOf(settings).tls(tls)
                .endpoints(Endpoints.resolve(endpoints, tls));
        if (user != null) {
            admin.credentials(credentials());
        } else if (passwordFile != null || passwordEnv != null) {
            throw new ParameterException(spec.commandLine(), "a password needs a --user");
        }
        return admin.build();
    }

    private Credentials credentials() {
        if ((passwordFile == null) == (passwordEnv == null)) {
            throw new ParameterException(spec.commandLine(), "--user " + user + " needs one of --password-file and "
                    + "--password-env (passwords are not taken on the command line, where ps shows them)");
        }
        return passwordFile != null ? Credentials.fromFile(user, passwordFile) : Credentials.fromEnvironment(user, passwordEnv);
    }
}
