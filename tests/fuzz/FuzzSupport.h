#pragma once
// Helpers shared by the fuzz targets: Qt set up once per process, the fixture repositories,
// fresh scratch copies of them per input, and a sentinel beside each copy that an input
// must never touch (a hostile repository may not write or delete outside itself).

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace hubvault::fuzz {

/** One QCoreApplication for the process (plugins, codecs and the event dispatcher need it). */
inline void initQt()
{
    static int argc = 1;
    static char name[] = "hubvault-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    (void)app;
}

/** The hubvault 0.0.2 fixtures ($HUBVAULT_FIXTURES_DIR overrides the configured path). */
inline std::filesystem::path fixturesDir()
{
    if (const char *env = std::getenv("HUBVAULT_FIXTURES_DIR"); env && *env)
        return env;
    return HUBVAULT_FIXTURES_DIR;
}

/** A private scratch folder of this process, removed never (the OS temp dir is cleaned). */
inline std::filesystem::path scratchDir()
{
    static const std::filesystem::path dir = [] {
        const char *tmp = std::getenv("TMPDIR");
        std::filesystem::path d = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") /
                                  ("hubvault-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

/**
 * Replaces `<scratch>/<name>` with a fresh copy of fixture `fixture` and returns its path.
 * A file `<scratch>/SENTINEL` is (re)created beside it; call checkSentinel() afterwards.
 */
inline QString freshCopy(const char *fixture, const char *name = "repo")
{
    namespace fs = std::filesystem;
    const fs::path target = scratchDir() / name;
    std::error_code ec;
    fs::permissions(target, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(target, ec);
    fs::copy(fixturesDir() / fixture, target, fs::copy_options::recursive, ec);
    if (ec)
        std::abort();
    for (const auto &entry : fs::recursive_directory_iterator(target))
        fs::permissions(entry.path(), fs::perms::owner_read | fs::perms::owner_write |
                        (entry.is_directory() ? fs::perms::owner_exec : fs::perms::none), fs::perm_options::add);
    const fs::path sentinel = scratchDir() / "SENTINEL";
    if (!fs::exists(sentinel)) {
        FILE *f = std::fopen(sentinel.c_str(), "w");
        std::fputs("outside the repository", f);
        std::fclose(f);
    }
    return QString::fromStdString(target.string());
}

/** Aborts (a finding) when something outside the repository copies was changed or removed. */
inline void checkSentinel()
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::file_size(scratchDir() / "SENTINEL", ec) != 22 || ec) {
        std::fprintf(stderr, "hubvault-fuzz: the sentinel outside the repository was changed or removed\n");
        std::abort();
    }
    for (const auto &entry : fs::directory_iterator(scratchDir())) {
        const std::string n = entry.path().filename().string();
        if (n != "SENTINEL" && n.rfind("repo", 0) != 0 && n.rfind("work", 0) != 0) {
            std::fprintf(stderr, "hubvault-fuzz: something was written beside the repository: %s\n", n.c_str());
            std::abort();
        }
    }
}

/** Reads little-endian integers off the front of a fuzz input. */
class Input {
public:
    Input(const uint8_t *data, size_t size) : m_data(data), m_size(size) {}
    template <typename T> T take()
    {
        T value = 0;
        for (size_t i = 0; i < sizeof(T) && m_pos < m_size; ++i)
            value |= T(m_data[m_pos++]) << (8 * i);
        return value;
    }
    QByteArray takeBytes(size_t n)
    {
        n = std::min(n, m_size - m_pos);
        QByteArray out(reinterpret_cast<const char *>(m_data + m_pos), qsizetype(n));
        m_pos += n;
        return out;
    }
    QByteArray rest() { return takeBytes(m_size - m_pos); }
    size_t remaining() const { return m_size - m_pos; }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
};

} // namespace hubvault::fuzz
