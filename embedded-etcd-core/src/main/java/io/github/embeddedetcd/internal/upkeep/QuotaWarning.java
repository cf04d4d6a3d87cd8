/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.upkeep;

import io.github.embeddedetcd.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Warns once when a member's database reaches the warning share of its quota, and again only after it fell well below. */
final class QuotaWarning {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaWarning.class);

    private final String memberName;
    private final Quota quota;
    private boolean warned;

    QuotaWarning(String memberName, Quota quota) {
        this.memberName = memberName;
        this.quota = quota;
    }

    void check(Member.Status status) {
        if (!warned && quota.warns(status.dbSize())) {
            warned = true;
            LOG.warn("The database of member '{}' is {}% of its quota: {} of {} bytes, {} of them in use. Compaction "
                    + "frees the history and defragmentation gives the space back; where the part in use nears the "
                    + "quota, delete keys or raise quota-backend-bytes on every member, or etcd raises NOSPACE.",
                    memberName, quota.percentOf(status.dbSize()), status.dbSize(), quota.bytes(),
                    status.dbSizeInUse());
        } else if (warned && quota.wellBelowWarning(status.dbSize())) {
            warned = false;
            LOG.info("The database of member '{}' is back to {}% of its quota", memberName,
                    quota.percentOf(status.dbSize()));
        }
    }
}
