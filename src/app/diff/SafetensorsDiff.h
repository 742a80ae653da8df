#pragma once
// A pure, tensor-by-tensor comparison of two .safetensors files: no I/O, no widgets.
//
// Tensors are matched by name. A tensor is added or removed; its dtype or shape changed;
// or, with the same dtype and shape, its bytes changed. The bytes are never read here:
// the caller hands in a function that hashes a byte range of either file (the diff
// dialog reads it in blocks through the core, so a large tensor is never held in memory).
// The "__metadata__" entries are compared too.

#include "preview/SafetensorsHeader.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace hubvault::app {

class SafetensorsDiff {
    Q_DECLARE_TR_FUNCTIONS(SafetensorsDiff)
public:
    enum class Side { Old, New };
    /**
     * A digest of `length` bytes of one file starting at absolute file offset `offset`.
     * It may throw (a read error, a cancellation): compare() lets it through.
     */
    using RangeHasher = std::function<QByteArray(Side side, qint64 offset, qint64 length)>;

    enum class Change { Unchanged, Added, Removed, DtypeChanged, ShapeChanged, DataChanged };

    struct TensorChange {
        QString name;
        Change change = Change::Unchanged;
        std::optional<SafetensorsTensor> oldTensor;
        std::optional<SafetensorsTensor> newTensor;
        bool dtypeChanged = false;
        bool shapeChanged = false;
        /** "F32 → F16", "[2, 3] → [3, 2]", "bytes differ"... for a table cell. */
        QString description() const;
    };

    struct MetadataChange {
        QString key;
        std::optional<QString> oldValue; ///< nullopt: added
        std::optional<QString> newValue; ///< nullopt: removed
    };

    /**
     * Compares two parsed headers (a default-constructed header stands for a missing
     * file). Tensors come in the new file's order, then the removed ones in the old order.
     * Bytes are hashed only for tensors whose dtype, shape and size agree.
     */
    static SafetensorsDiff compare(const SafetensorsHeader &oldHeader, const SafetensorsHeader &newHeader,
                                   const RangeHasher &hash);
    /** Absolute file offset of the first data byte: 8 + the header length. */
    static qint64 dataStart(const SafetensorsHeader &header) { return 8 + header.headerLength(); }
    static QString changeName(Change change);

    const QList<TensorChange> &tensors() const { return m_tensors; }
    const QList<MetadataChange> &metadataChanges() const { return m_metadata; }
    int count(Change change) const;
    /** Tensors that are not unchanged. */
    int changedCount() const { return int(m_tensors.size()) - count(Change::Unchanged); }
    /** Bytes of the tensors that were hashed (both sides). */
    qint64 bytesCompared() const { return m_bytesCompared; }

private:
    QList<TensorChange> m_tensors;
    QList<MetadataChange> m_metadata;
    qint64 m_bytesCompared = 0;
};

} // namespace hubvault::app
