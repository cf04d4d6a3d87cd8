/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.Member;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Renders members as etcdctl's {@code member list -w table} does, plus a leader column; other rows alike. */
final class MemberTable {

    private static final String[] HEADERS = {"ID", "STATUS", "NAME", "PEER ADDRS", "CLIENT ADDRS", "IS LEARNER", "IS LEADER"};

    private MemberTable() {
    }

    static String render(List<Member> members) {
        List<String[]> rows = new ArrayList<>();
        members.stream().sorted(Comparator.comparing(Member::idHex)).forEach(m -> rows.add(new String[] {
                m.idHex(), m.started() ? "started" : "unstarted", m.name(), join(m.peerUrls()), join(m.clientUrls()),
                Boolean.toString(m.learner()), Boolean.toString(m.leader())}));
        return render(HEADERS, rows);
    }

    /** A table of these rows under these headers, in etcdctl's style. */
    static String render(String[] headers, List<String[]> rows) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        String rule = rule(widths);
        out.append(rule).append(line(headers, widths, true)).append(rule);
        rows.forEach(row -> out.append(line(row, widths, false)));
        return out.append(rule).toString();
    }

    private static String rule(int[] widths) {
        StringBuilder line = new StringBuilder("+");
        for (int w : widths) {
            line.append("-".repeat(w + 2)).append('+');
        }
        return line.append('\n').toString();
    }

    private static String line(String[] cells, int[] widths, boolean center) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            int pad = widths[i] - cells[i].length();
            int left = center ? pad / 2 : pad;
            line.append(' ').append(" ".repeat(left)).append(cells[i]).append(" ".repeat(pad - left)).append(" |");
        }
        return line.append('\n').toString();
    }

    private static String join(List<URI> urls) {
        return urls.stream().map(URI::toString).collect(Collectors.joining(","));
    }
}
