// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/RunFile.h"

#include "model/base/Error.h"

#include <bit>
#include <cstring>

namespace sme {
namespace {

constexpr std::string_view magic{"SME-RUN\n", 8};
constexpr std::size_t checksumBytes = 8;

class ByteWriter {
public:
    void u32(std::uint32_t v) { unsigned_(v, 4); }
    void u64(std::uint64_t v) { unsigned_(v, 8); }
    void i64(std::int64_t v) { u64(std::uint64_t(v)); }
    void f32(float v) { u32(std::bit_cast<std::uint32_t>(v)); }
    void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
    void text(const std::string& s)
    {
        u64(s.size());
        bytes_ += s;
    }
    void doubles(const std::vector<double>& values)
    {
        u64(values.size());
        for (double v : values)
            f64(v);
    }
    // One loop over the values (column-major, as read back): a loop over columns would walk
    // 2^31 empty columns of a 0 x 2^31 matrix, which a damaged file may declare.
    template <class Scalar>
    void matrix(const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& m)
    {
        u64(std::uint64_t(m.rows()));
        u64(std::uint64_t(m.cols()));
        for (Eigen::Index i = 0; i < m.size(); ++i)
            value(m.data()[i]);
    }
    void value(float v) { f32(v); }
    void value(double v) { f64(v); }
    void matrices(const std::vector<Eigen::MatrixXf>& list)
    {
        u64(list.size());
        for (const Eigen::MatrixXf& m : list)
            matrix(m);
    }
    void boundary(const MarginBoundary& b)
    {
        f64(b.beta0);
        doubles(b.perClass);
        doubles(b.perImage);
    }
    void raw(std::string_view s) { bytes_ += s; }
    std::string& bytes() { return bytes_; }

private:
    void unsigned_(std::uint64_t v, int count)
    {
        for (int i = 0; i < count; ++i)
            bytes_.push_back(char((v >> (8 * i)) & 0xffu));
    }
    std::string bytes_;
};

// Every read checks the bytes left first, and every count is checked against them before
// anything is allocated, so a damaged file can neither overrun nor exhaust memory.
class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

    std::uint32_t u32() { return std::uint32_t(unsigned_(4)); }
    std::uint64_t u64() { return unsigned_(8); }
    std::int64_t i64() { return std::int64_t(u64()); }
    float f32() { return std::bit_cast<float>(u32()); }
    double f64() { return std::bit_cast<double>(u64()); }
    std::size_t count(std::size_t elementBytes)
    {
        const std::uint64_t n = u64();
        require(elementBytes == 0 || n <= left() / elementBytes, "truncated or damaged (a count runs past the end)");
        return std::size_t(n);
    }
    std::string text()
    {
        const std::size_t n = count(1);
        std::string s(bytes_.substr(position_, n));
        position_ += n;
        return s;
    }
    std::vector<double> doubles()
    {
        std::vector<double> values(count(8));
        for (double& v : values)
            v = f64();
        return values;
    }
    template <class Scalar = float>
    Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> matrix()
    {
        const std::uint64_t rows = u64();
        const std::uint64_t cols = u64();
        constexpr std::size_t size = sizeof(Scalar);
        // Each side bounded first (an empty matrix may not have 2^63 columns either: the sizes
        // become Eigen's signed indices), then their product by the bytes left.
        constexpr std::uint64_t largestSide = std::uint64_t(1) << 31;
        require(rows <= largestSide && cols <= largestSide && rows * cols <= left() / size,
                "truncated or damaged (a matrix runs past the end)");
        Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> m{Eigen::Index(rows), Eigen::Index(cols)};
        for (Eigen::Index i = 0; i < m.size(); ++i) // column-major, as written
            m.data()[i] = read(Scalar{});
        return m;
    }
    float read(float) { return f32(); }
    double read(double) { return f64(); }
    std::vector<Eigen::MatrixXf> matrices()
    {
        std::vector<Eigen::MatrixXf> list(count(16)); // a matrix takes at least its two sizes
        for (Eigen::MatrixXf& m : list)
            m = matrix();
        return list;
    }
    MarginBoundary boundary()
    {
        MarginBoundary b;
        b.beta0 = f64();
        b.perClass = doubles();
        b.perImage = doubles();
        return b;
    }
    std::size_t left() const { return bytes_.size() - position_; }

private:
    std::uint64_t unsigned_(int count)
    {
        require(left() >= std::size_t(count), "truncated (ends in the middle of a value)");
        std::uint64_t v = 0;
        for (int i = 0; i < count; ++i)
            v |= std::uint64_t(static_cast<unsigned char>(bytes_[position_ + std::size_t(i)])) << (8 * i);
        position_ += std::size_t(count);
        return v;
    }
    std::string_view bytes_;
    std::size_t position_ = 0;
};

} // namespace

std::uint64_t runChecksum(std::string_view bytes)
{
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    return hash;
}

std::string encodeRun(const SavedRun& run)
{
    const TrainerState& s = run.state;
    ByteWriter out;
    out.raw(magic);
    out.u32(runFileVersion);
    out.i64(s.steps);
    out.matrices(s.parameters);
    out.i64(s.adam.steps);
    out.matrices(s.adam.firstMoments);
    out.matrices(s.adam.secondMoments);
    out.boundary(s.boundary);
    out.f64(s.beta0Velocity);
    out.doubles(s.perClassVelocity);
    out.doubles(s.perImageVelocity);
    out.text(s.batchRandom);
    out.text(s.samplerRandom);
    out.matrices(s.checkpointParameters);
    out.boundary(s.checkpointBoundary);
    out.i64(s.checkpointStep);
    out.matrix(s.lastEmbeddings);
    out.u64(s.lastLabels.size());
    for (int label : s.lastLabels)
        out.u32(std::uint32_t(label));
    out.u64(run.history.steps.size());
    for (const StepPoint& p : run.history.steps) {
        out.i64(p.step);
        out.f64(p.loss);
        out.f64(p.activeFraction);
        out.f64(p.beta);
    }
    out.u64(run.history.evaluations.size());
    for (const Evaluation& e : run.history.evaluations) {
        out.i64(e.step);
        for (double r : e.recall)
            out.f64(r);
        out.f64(e.nmi);
        out.f64(e.mapAtR);
        out.f64(e.spread);
    }
    out.u64(runChecksum(out.bytes()));
    return std::move(out.bytes());
}

SavedRun decodeRun(std::string_view bytes)
{
    require(bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic,
            "not a Sampling Matters Explorer run file");
    require(bytes.size() >= magic.size() + 4 + checksumBytes, "truncated (shorter than its header)");
    ByteReader header(bytes.substr(magic.size(), 4));
    const std::uint32_t version = header.u32();
    require(version <= runFileVersion, [&] {
        return "made by a newer version (run format " + std::to_string(version)
               + "; this version reads up to " + std::to_string(runFileVersion) + ")";
    });
    require(version >= 1, "has no valid format version");
    const std::string_view body = bytes.substr(0, bytes.size() - checksumBytes);
    ByteReader tail(bytes.substr(body.size()));
    require(tail.u64() == runChecksum(body), "damaged or truncated (the checksum does not match)");

    ByteReader in(body.substr(magic.size() + 4));
    SavedRun run;
    TrainerState& s = run.state;
    s.steps = long(in.i64());
    s.parameters = in.matrices();
    s.adam.steps = long(in.i64());
    s.adam.firstMoments = in.matrices();
    s.adam.secondMoments = in.matrices();
    s.boundary = in.boundary();
    s.beta0Velocity = in.f64();
    s.perClassVelocity = in.doubles();
    s.perImageVelocity = in.doubles();
    s.batchRandom = in.text();
    s.samplerRandom = in.text();
    s.checkpointParameters = in.matrices();
    s.checkpointBoundary = in.boundary();
    s.checkpointStep = long(in.i64());
    s.lastEmbeddings = in.matrix<double>();
    s.lastLabels.resize(in.count(4));
    for (int& label : s.lastLabels)
        label = int(in.u32());
    run.history.steps.resize(in.count(32));
    for (StepPoint& p : run.history.steps) {
        p.step = long(in.i64());
        p.loss = in.f64();
        p.activeFraction = in.f64();
        p.beta = in.f64();
    }
    run.history.evaluations.resize(in.count(version >= 2 ? 64 : 56));
    for (Evaluation& e : run.history.evaluations) {
        e.step = long(in.i64());
        for (double& r : e.recall)
            r = in.f64();
        e.nmi = in.f64();
        e.mapAtR = in.f64();
        if (version >= 2)
            e.spread = in.f64(); // format 1 did not measure it: it stays NaN
    }
    require(in.left() == 0, "damaged (bytes left over after the run)");
    return run;
}

} // namespace sme
