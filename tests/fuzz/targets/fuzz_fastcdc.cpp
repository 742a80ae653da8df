// Fuzz target: FastCDC (docs/format.md §5.3). Over arbitrary content, the one-shot cut search
// and the streamed one fed at arbitrary split points must find the same boundaries, and
// every chunk but the last must lie within [kMinSize, kMaxSize]. The input is a small
// control header (content length, split points) and a pattern tiled to that length, since
// cuts only happen past 1 MiB.
#include "FastCdcChunker.h"
#include "FuzzSupport.h"

#include <QList>
#include <cstring>
#include <vector>

using namespace hubvault;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hubvault::fuzz::Input in(data, size);
    // Up to max chunk + 2 MiB: every phase of the cut search (skip, hard mask, easy mask,
    // forced cut) and a chunk after it, yet a few runs a second under the sanitizers.
    const qint64 length = qint64(in.take<uint32_t>() % uint32_t(FastCdcChunker::kMaxSize + (2 << 20) + 1));
    const int splitCount = in.take<uint8_t>() % 16;
    std::vector<qint64> splits;
    for (int i = 0; i < splitCount; ++i)
        splits.push_back(qint64(in.take<uint32_t>()) % (length + 1));
    std::sort(splits.begin(), splits.end());
    QByteArray pattern = in.rest();
    if (pattern.isEmpty())
        pattern = QByteArray(1, '\0');
    // The pattern tiled, each copy XORed with its index so the content is not periodic;
    // a one-byte pattern stays constant (no cut before the forced one).
    std::vector<uint8_t> content(static_cast<size_t>(length));
    const qint64 period = pattern.size();
    for (qint64 start = 0, copy = 0; start < length; start += period, ++copy) {
        const qint64 n = std::min(period, length - start);
        std::memcpy(content.data() + start, pattern.constData(), size_t(n));
        if (period > 1)
            content[size_t(start)] ^= uint8_t(copy * 131 + (copy >> 8));
    }

    std::vector<qint64> oneShot;
    for (qint64 pos = 0; pos < length;) {
        const qint64 cut = FastCdcChunker::nextCut(content.data() + pos, length - pos);
        if (cut <= 0 || cut > length - pos)
            std::abort();
        pos += cut;
        oneShot.push_back(pos);
    }

    std::vector<qint64> streamed;
    FastCdcStream stream;
    qint64 chunkStart = 0;
    qint64 fed = 0;
    splits.push_back(length);
    for (qint64 split : splits) {
        while (fed < split) {
            const qint64 n = stream.scan(content.data() + fed, split - fed);
            if (n < 0) {
                fed = split;
                break;
            }
            if (n == 0 || n > split - fed)
                std::abort();
            fed += n;
            streamed.push_back(fed);
            chunkStart = fed;
        }
    }
    if (chunkStart < length) {
        if (stream.pending() != length - chunkStart)
            std::abort();
        streamed.push_back(length);
    }
    if (streamed != oneShot) {
        std::fprintf(stderr, "streamed and one-shot boundaries differ (%zu vs %zu cuts)\n", streamed.size(), oneShot.size());
        std::abort();
    }
    qint64 previous = 0;
    for (size_t i = 0; i < oneShot.size(); ++i) {
        const qint64 chunk = oneShot[i] - previous;
        const bool last = i + 1 == oneShot.size();
        if (chunk > FastCdcChunker::kMaxSize || (!last && chunk < FastCdcChunker::kMinSize))
            std::abort();
        previous = oneShot[i];
    }
    return 0;
}
