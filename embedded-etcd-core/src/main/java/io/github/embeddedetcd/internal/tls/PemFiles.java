/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.tls;

import io.github.embeddedetcd.config.ConfigException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM certificates and PKCS#8 private keys, as etcd's and Netty's TLS files are written.
 * Every problem is a {@link ConfigException} naming the setting and the file, and what to do;
 * nothing read is ever put into a message.
 */
public final class PemFiles {

    private static final String PKCS8 = "-----BEGIN PRIVATE KEY-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");

    private PemFiles() {
    }

    /**
     * The certificates in a PEM file, the first one the subject's.
     *
     * @param key the config key that names the file, for errors
     */
    public static List<X509Certificate> certificates(String key, Path file) {
        byte[] content = read(key, file, "certificate");
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(content)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new ConfigException(key, file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----); point "
                    + key + " at the certificate file");
        }
    }

    /**
     * The PKCS#8 private key in a PEM file.
     *
     * @param key the config key that names the file, for errors
     */
    public static PrivateKey privateKey(String key, Path file) {
        String text = new String(read(key, file, "private key"), StandardCharsets.US_ASCII);
        if (!text.contains(PKCS8)) {
            throw new ConfigException(key, file + " " + keyFormat(text) + ", but only unencrypted PKCS#8 keys "
                    + "(-----BEGIN PRIVATE KEY-----) can be used from Java; convert it with: openssl pkcs8 -topk8 "
                    + "-nocrypt -in " + file + " -out " + file + ".pk8 — etcd takes the converted file too");
        }
        String base64 = text.substring(text.indexOf(PKCS8) + PKCS8.length(), text.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec;
        try {
            spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, file + " holds a damaged PEM key (not base64); write the key file again");
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next one
            }
        }
        throw new ConfigException(key, file + " holds a PKCS#8 key that is neither RSA, EC nor Ed25519; use one "
                + "of those");
    }

    private static String keyFormat(String text) {
        if (text.contains("ENCRYPTED")) {
            return "holds an encrypted key";
        }
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            return "holds a PKCS#1 RSA key";
        }
        if (text.contains("BEGIN EC PRIVATE KEY")) {
            return "holds a SEC1 EC key";
        }
        return "holds no PEM private key";
    }

    private static byte[] read(String key, Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(key, "the " + what + " file " + file + " does not exist; point " + key
                    + " at an existing file");
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read the " + what + " file " + file + " ("
                    + e.getClass().getSimpleName() + "); check that it is readable by this user");
        }
    }
}
