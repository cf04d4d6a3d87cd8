/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.jetcd;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.EtcdBinaryException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps jetcd-launcher's container image ({@code quay.io/coreos/etcd:v3.5.14}) to a local etcd of
 * the image's minor version: {@code ETCD_BINARY_3_5} when set, else the etcd the library finds
 * anyway ({@code ETCD_BINARY}, {@code PATH}) when it is a 3.5. Patch versions are not matched:
 * local installs have the one their distribution ships.
 */
final class ImageBinary {

    private static final Pattern TAG_VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:[-+].*)?");

    private ImageBinary() {
    }

    /**
     * The binary to run for this image: empty when the default one is of the image's minor version.
     *
     * @throws IllegalArgumentException when the image names no version, or no local etcd of its minor version is found
     */
    static Optional<Path> forImage(String image, Map<String, String> environment) {
        int tagStart = image.lastIndexOf(':');
        String tag = tagStart > image.lastIndexOf('/') ? image.substring(tagStart + 1) : "";
        Matcher version = TAG_VERSION.matcher(tag);
        if (!version.matches()) {
            throw new IllegalArgumentException("withImage(\"" + image + "\"): the testkit runs a local etcd, not "
                    + "images, and picks it by the image's version tag (like v3.5.14), which this image does not "
                    + "have. Give a versioned image, or leave withImage out to run the etcd found on ETCD_BINARY or PATH.");
        }
        String minor = version.group(1) + "." + version.group(2);
        String variable = "ETCD_BINARY_" + version.group(1) + "_" + version.group(2);
        String configured = environment.get(variable);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(checked(image, minor, variable, Path.of(configured)));
        }
        String found;
        try {
            EtcdBinary binary = EtcdBinary.locate();
            if (minor.equals(binary.version().major() + "." + binary.version().minor())) {
                return Optional.empty();
            }
            found = binary.path() + " is etcd " + binary.version();
        } catch (EtcdBinaryException e) {
            found = "no etcd was found (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
        throw new IllegalArgumentException("withImage(\"" + image + "\") asks for etcd " + minor + ", but " + found
                + " and " + variable + " is not set. The testkit runs a local etcd, not images: point " + variable
                + " (or ETCD_BINARY) at an etcd " + minor + " binary, or leave withImage out.");
    }

    private static Path checked(String image, String minor, String variable, Path path) {
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IllegalArgumentException(variable + "=" + path + " (for withImage(\"" + image + "\")) is not an "
                    + "executable file: point it at an etcd " + minor + " binary.");
        }
        EtcdBinary binary = EtcdBinary.at(path);
        if (!minor.equals(binary.version().major() + "." + binary.version().minor())) {
            throw new IllegalArgumentException(variable + "=" + path + " is etcd " + binary.version() + ", not "
                    + minor + " as withImage(\"" + image + "\") asks: point it at an etcd " + minor + " binary.");
        }
        return path;
    }
}
