/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.Credentials;
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

    /** Applies the options given to an admin's settings (on top of a config file's, where one was read). */
    EtcdAdmin.Builder applyTo(EtcdAdmin.Builder admin, ClientTls fromConfig) {
        if ((cert == null) != (key == null)) {
            throw new ParameterException(spec.commandLine(), "--cert and --key go together; give both");
        }
        ClientTls tls = cacert == null ? fromConfig : fromConfig.withCaFile(cacert);
        admin.tls(cert == null ? tls : tls.withClientCertificate(cert, key));
        if (user != null) {
            admin.credentials(credentials());
        } else if (passwordFile != null || passwordEnv != null) {
            throw new ParameterException(spec.commandLine(), "a password needs a --user");
        }
        return admin;
    }

    private Credentials credentials() {
        if ((passwordFile == null) == (passwordEnv == null)) {
            throw new ParameterException(spec.commandLine(), "--user " + user + " needs one of --password-file and "
                    + "--password-env (passwords are not taken on the command line, where ps shows them)");
        }
        return passwordFile != null ? Credentials.fromFile(user, passwordFile) : Credentials.fromEnvironment(user, passwordEnv);
    }
}
