// The original's names of the public enums, and back (see Models.h).
#include <hubvault/Models.h>
#include <hubvault/PackStorage.h>
#include "EnumNames.h"

namespace hubvault {

namespace {

constexpr std::array<std::pair<ChangeKind, const char *>, 5> kChangeKinds{{
    {ChangeKind::Added, "added"},
    {ChangeKind::Modified, "modified"},
    {ChangeKind::Deleted, "deleted"},
    {ChangeKind::Copied, "copied"},
    {ChangeKind::Renamed, "renamed"},
}};
constexpr std::array<std::pair<MergeStatus, const char *>, 4> kMergeStatuses{{
    {MergeStatus::Merged, "merged"},
    {MergeStatus::FastForward, "fast-forward"},
    {MergeStatus::AlreadyUpToDate, "already-up-to-date"},
    {MergeStatus::Conflict, "conflict"},
}};
constexpr std::array<std::pair<ReclaimStrategy, const char *>, 4> kReclaimStrategies{{
    {ReclaimStrategy::Keep, "keep"},
    {ReclaimStrategy::Gc, "gc"},
    {ReclaimStrategy::PruneCache, "prune-cache"},
    {ReclaimStrategy::ManualReview, "manual-review"},
}};
constexpr std::array<std::pair<StorageKind, const char *>, 2> kStorageKinds{{
    {StorageKind::Blob, "blob"},
    {StorageKind::Chunked, "chunked"},
}};

constexpr std::array<std::pair<PackPlace, const char *>, 4> kPackPlaces{{
    {PackPlace::Local, "local"},
    {PackPlace::Remote, "remote"},
    {PackPlace::LocalAndRemote, "local-and-remote"},
    {PackPlace::Missing, "missing"},
}};

} // namespace

QString wireName(PackPlace place) { return nameOf(kPackPlaces, place); }
QString wireName(ChangeKind kind) { return nameOf(kChangeKinds, kind); }
QString wireName(MergeStatus status) { return nameOf(kMergeStatuses, status); }
QString wireName(ReclaimStrategy strategy) { return nameOf(kReclaimStrategies, strategy); }
QString wireName(StorageKind kind) { return nameOf(kStorageKinds, kind); }
std::optional<ChangeKind> changeKindFromString(QStringView text) { return valueOf(kChangeKinds, text); }
std::optional<MergeStatus> mergeStatusFromString(QStringView text) { return valueOf(kMergeStatuses, text); }
std::optional<ReclaimStrategy> reclaimStrategyFromString(QStringView text) { return valueOf(kReclaimStrategies, text); }
std::optional<StorageKind> storageKindFromString(QStringView text) { return valueOf(kStorageKinds, text); }

} // namespace hubvault
