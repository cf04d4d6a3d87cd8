/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EmbeddedEtcd;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The {@code Client} bean: each call goes to the member's current client. The member builds a new
 * client when it starts again (a context stopped and started), so a bean holding the first one
 * would hold a closed client. Closing it is left to the member.
 */
final class MemberClient {

    private MemberClient() {
    }

    static Client of(EmbeddedEtcd etcd) {
        return (Client) Proxy.newProxyInstance(Client.class.getClassLoader(), new Class<?>[] {Client.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "toString" -> "Client of " + etcd;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> call(method, etcd.client(), args);
                });
    }

    private static Object call(Method method, Client target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
