/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.tls;

import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.TransportSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a member's TLS files before etcd starts, so that each mistake is one error naming the
 * setting, the file and what to do — instead of etcd failing later, or clients failing to connect:
 * certificate and key files that are missing or unreadable, a key that does not belong to the
 * certificate, a certificate that has expired, is not valid yet or does not name the hosts of the
 * member's advertised URLs, and a client CA that did not sign it. Key files others may read are
 * reported as a warning.
 */
public final class ServerTls {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private ServerTls() {
    }

    /** @throws io.github.embeddedetcd.config.ConfigException naming the setting and file at fault */
    public static void check(EtcdConfig config) {
        check(config, "client-transport-security", config.clientTransportSecurity(), config.advertiseClientUrls(),
                config.clientTls());
        check(config, "peer-transport-security", config.peerTransportSecurity(), config.initialAdvertisePeerUrls(),
                null);
    }

    private static void check(EtcdConfig config, String section, TransportSecurity tls, List<URI> advertised,
                              ClientTls verifiedBy) {
        if (tls.certFile() == null) {
            return;
        }
        List<X509Certificate> chain = PemFiles.certificates(section + ".cert-file", tls.certFile());
        X509Certificate certificate = chain.get(0);
        checkKey(config, section, tls, certificate);
        checkValidity(config, section, tls.certFile(), certificate);
        for (URI url : advertised) {
            if (url.getScheme().equalsIgnoreCase("https") && !names(certificate, url.getHost())) {
                throw config.error(section + ".cert-file", "the certificate " + tls.certFile() + " is not valid for "
                        + url.getHost() + " (of " + url + "): it names " + subjectAlternativeNames(certificate)
                        + ". Issue it with " + url.getHost() + " among its subject alternative names");
            }
        }
        if (verifiedBy != null && verifiedBy.caFile() != null && !verifiedBy.trustAnyServer()) {
            checkSignedBy(config, section, tls.certFile(), chain, verifiedBy.caFile());
        }
        warnIfOthersMayRead(tls.keyFile());
    }

    private static void checkKey(EtcdConfig config, String section, TransportSecurity tls, X509Certificate certificate) {
        String text;
        try {
            text = Files.readString(tls.keyFile());
        } catch (IOException e) {
            throw config.error(section + ".key-file", "cannot read the key file " + tls.keyFile() + " ("
                    + e.getClass().getSimpleName() + "); check that it exists and is readable by this user");
        }
        if (!text.contains("BEGIN PRIVATE KEY")) {
            return; // etcd also reads PKCS#1 and SEC1 keys; it checks those against the certificate itself
        }
        PrivateKey key = PemFiles.privateKey(section + ".key-file", tls.keyFile());
        if (!belongTogether(key, certificate)) {
            throw config.error(section + ".key-file", "the key " + tls.keyFile() + " does not belong to the "
                    + "certificate " + tls.certFile() + "; use the key the certificate was issued for");
        }
    }

    /** Signs a few bytes with the key and checks them with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "embedded-etcd".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException differentKinds) {
            return false;
        }
    }

    private static void checkValidity(EtcdConfig config, String section, Path file, X509Certificate certificate) {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException e) {
            throw config.error(section + ".cert-file", "the certificate " + file + " expired on "
                    + certificate.getNotAfter().toInstant() + "; give the member a new one");
        } catch (CertificateNotYetValidException e) {
            throw config.error(section + ".cert-file", "the certificate " + file + " is valid only from "
                    + certificate.getNotBefore().toInstant() + "; check this machine's clock, or wait");
        }
    }

    private static void checkSignedBy(EtcdConfig config, String section, Path file, List<X509Certificate> chain,
                                      Path caFile) {
        List<X509Certificate> cas = PemFiles.certificates("embedded.cacert", caFile);
        try {
            PKIXParameters parameters = new PKIXParameters(cas.stream().map(ca -> new TrustAnchor(ca, null))
                    .collect(Collectors.toSet()));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                    .generateCertPath(new ArrayList<>(chain)), parameters);
        } catch (GeneralSecurityException e) {
            throw config.error(section + ".cert-file", "the certificate " + file + " is not signed by the CA in "
                    + caFile + " that the library trusts for this member (embedded.cacert, else client-transport-"
                    + "security.trusted-ca-file); issue it from that CA, or point embedded.cacert at the CA that "
                    + "signed it");
        }
    }

    static boolean names(X509Certificate certificate, String host) {
        try {
            for (List<?> name : alternativeNames(certificate)) {
                int type = (Integer) name.get(0);
                String value = String.valueOf(name.get(1));
                if (type == IP_ADDRESS && isIpLiteral(host) && sameAddress(value, host)) {
                    return true;
                }
                if (type == DNS_NAME && !isIpLiteral(host) && dnsMatches(value, host)) {
                    return true;
                }
            }
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
        return false;
    }

    static List<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : List.copyOf(names);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    static String subjectAlternativeNames(X509Certificate certificate) {
        List<String> names = alternativeNames(certificate).stream().map(n -> String.valueOf(n.get(1))).toList();
        return names.isEmpty() ? "no subject alternative names at all" : String.join(", ", names);
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":") || host.startsWith("[");
    }

    private static boolean sameAddress(String a, String b) throws UnknownHostException {
        return InetAddress.getByName(a.replace("[", "").replace("]", ""))
                .equals(InetAddress.getByName(b.replace("[", "").replace("]", "")));
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }

    private static void warnIfOthersMayRead(Path keyFile) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("The private key {} can be read by other users of this machine; make it readable by its owner "
                        + "only (chmod 600 {})", keyFile, keyFile);
            }
        } catch (IOException | UnsupportedOperationException noPosix) {
            LOG.debug("cannot read the permissions of {}: {}", keyFile, noPosix.toString());
        }
    }
}
