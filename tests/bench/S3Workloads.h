#pragma once
// The s3 unit: pack files in an S3 bucket of a single-node OpenStack Swift started on
// 127.0.0.1 for the run (tests/support/swift/swift-fixture.sh), beside the same run's
// `aws s3 cp` (Debian's awscli) of the same bytes through the same store. Reported as
// not available, with the reason, when Swift or awscli is not installed.

#include "Workloads.h"

namespace bench {

/** The s3 unit (available or not, with the reason). */
Unit s3Unit(const Profile &profile);

} // namespace bench
