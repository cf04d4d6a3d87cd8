/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EtcdAdmin;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.URI;
import java.util.List;

/**
 * URLs given on the command line, comma-separated as etcdctl takes them. A malformed one is a
 * usage error (exit code 2) that says what is wrong with it.
 */
record EndpointUrls(List<URI> urls) {

    /** Parses the argument for picocli. */
    static final class Converter implements ITypeConverter<EndpointUrls> {
        @Override
        public EndpointUrls convert(String value) {
            try {
                return new EndpointUrls(EtcdAdmin.parseEndpoints(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
