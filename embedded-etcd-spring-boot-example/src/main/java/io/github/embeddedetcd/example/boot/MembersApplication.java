/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.example.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that runs an etcd member through the starter. Three instances form a
 * cluster: {@code --spring.profiles.active=n1} bootstraps it on 127.0.0.1, {@code n2} and {@code n3}
 * join it from 127.0.0.2 and 127.0.0.3 (see application.yaml).
 */
@SpringBootApplication
public class MembersApplication {

    public static void main(String[] args) {
        SpringApplication.run(MembersApplication.class, args);
    }
}
