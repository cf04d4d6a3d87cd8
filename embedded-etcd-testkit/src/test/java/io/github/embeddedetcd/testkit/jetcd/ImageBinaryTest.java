/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.jetcd;


import io.github.embeddedetcd.EtcdBinary;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** jetcd-launcher's image names pick a local etcd of their minor version, or say what to set. */
class ImageBinaryTest {

    private static final EtcdBinary LOCAL = EtcdBinary.locate();

    @Test
    void anImageOfTheLocalEtcdsMinorVersionRunsIt() {
        String image = "quay.io/coreos/etcd:v" + LOCAL.version().major() + "." + LOCAL.version().minor() + ".99";
        assertThat(ImageBinary.forImage(image, Map.of())).isEmpty();
    }

    @Test
    void anImageOfAnotherMinorVersionRunsTheBinaryItsVariableNames() {
        String image = "registry.local:5000/etcd:v" + LOCAL.version().major() + "." + LOCAL.version().minor() + ".0-rc.1";
        String variable = "ETCD_BINARY_" + LOCAL.version().major() + "_" + LOCAL.version().minor();
        assertThat(ImageBinary.forImage(image, Map.of(variable, LOCAL.path().toString()))).contains(LOCAL.path());
    }

    @Test
    void anImageOfAVersionNoLocalEtcdHasSaysWhatToSet() {
        assertThatThrownBy(() -> ImageBinary.forImage("quay.io/coreos/etcd:v9.8.1", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asks for etcd 9.8, but " + LOCAL.path() + " is etcd " + LOCAL.version())
                .hasMessageContaining("point ETCD_BINARY_9_8 (or ETCD_BINARY) at an etcd 9.8 binary");
        assertThatThrownBy(() -> ImageBinary.forImage("quay.io/coreos/etcd:v9.8.1",
                Map.of("ETCD_BINARY_9_8", LOCAL.path().toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ETCD_BINARY_9_8=" + LOCAL.path() + " is etcd " + LOCAL.version() + ", not 9.8");
    }

    @Test
    void anImageWithoutAVersionTagCannotBeMapped() {
        assertThatThrownBy(() -> ImageBinary.forImage("quay.io/coreos/etcd:latest", Map.of()))
                .hasMessageContaining("picks it by the image's version tag (like v3.5.14)");
        assertThatThrownBy(() -> ImageBinary.forImage("localhost:5000/etcd", Map.of()))
                .hasMessageContaining("picks it by the image's version tag");
    }
}
