/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.recovery;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The numeric and bytes fields of one protobuf message, as etcd writes its WAL records and raft
 * entries. Only the handful of fields the WAL reader needs are ever asked for, which is why this
 * small decoder stands in for generated classes of etcd's {@code .proto} files; a field seen twice
 * keeps its last value, as protobuf has it.
 */
final class ProtoFields {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final Map<Integer, Long> numbers = new HashMap<>();
    private final Map<Integer, byte[]> bytes = new HashMap<>();

    private ProtoFields() {
    }

    /** @throws IOException when the bytes are not a well-formed message */
    static ProtoFields parse(byte[] message) throws IOException {
        ProtoFields fields = new ProtoFields();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int field = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case VARINT -> fields.numbers.put(field, varint(message, at));
                case FIXED64 -> at[0] = skip(message, at[0], 8);
                case FIXED32 -> at[0] = skip(message, at[0], 4);
                case LENGTH_DELIMITED -> {
                    long length = varint(message, at);
                    int start = at[0];
                    at[0] = skip(message, start, length);
                    byte[] value = new byte[(int) length];
                    System.arraycopy(message, start, value, 0, value.length);
                    fields.bytes.put(field, value);
                }
                default -> throw new IOException("unknown protobuf wire type " + (tag & 7) + " at byte " + at[0]);
            }
        }
        return fields;
    }

    /** The varint field's value, or 0 (protobuf's default) when absent. */
    long number(int field) {
        return numbers.getOrDefault(field, 0L);
    }

    /** The bytes field's value, or none. */
    byte[] bytes(int field) {
        return bytes.getOrDefault(field, new byte[0]);
    }

    private static long varint(byte[] message, int[] at) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= message.length) {
                throw new IOException("protobuf varint cut short at byte " + at[0]);
            }
            byte b = message[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("protobuf varint longer than 10 bytes at byte " + at[0]);
    }

    private static int skip(byte[] message, int from, long length) throws IOException {
        if (length < 0 || from + length > message.length) {
            throw new IOException("protobuf field of " + length + " bytes runs past the message's end at byte " + from);
        }
        return (int) (from + length);
    }
}
