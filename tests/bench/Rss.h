#pragma once
// Peak resident set size of this process, from /proc/self/status (VmHWM). The high-water
// mark is per process, so the bench runs each workload unit in a child process and,
// between the rows of one unit, resets the mark through /proc/self/clear_refs ("5").

namespace bench {

namespace Rss {

/** VmHWM in MiB, or -1 when /proc is unavailable. */
double peakMiB();
/** Current VmRSS in MiB, or -1 when /proc is unavailable. */
double currentMiB();
/**
 * Resets VmHWM to the current RSS (Linux >= 4.0). Returns false when the kernel or the
 * sandbox refuses, in which case peakMiB() keeps counting from process start.
 */
bool resetPeak();

} // namespace Rss

} // namespace bench
