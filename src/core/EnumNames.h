#pragma once
// Internal: tables of enum values and the original's names for them, looked up both ways
// (the public enums are few and short, so a linear scan is all it takes).

#include <QString>
#include <QStringView>
#include <array>
#include <optional>
#include <utility>

namespace hubvault {

template <typename E, size_t N>
QString nameOf(const std::array<std::pair<E, const char *>, N> &names, E value)
{
    for (const auto &[v, name] : names) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename E, size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &names, QStringView text)
{
    for (const auto &[v, name] : names) {
        if (text == QLatin1String(name))
            return v;
    }
    return std::nullopt;
}

} // namespace hubvault
