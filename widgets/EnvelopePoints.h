// A long curve kept to a bounded number of points: a min/max envelope of its buckets
// (TrainingCurvesView::maxShownPoints says why and how).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>
#include <algorithm>

// The points of one curve, decimated to a min/max envelope of at most maxShownPoints points.
template <int maxShownPoints>
class EnvelopePoints {
public:
    void append(const QPointF& point)
    {
        if (count_ == 0) {
            first_ = point;
            lowest_ = highest_ = point.y();
        }
        last_ = point;
        lowest_ = std::min(lowest_, point.y());
        highest_ = std::max(highest_, point.y());
        const bool lastBucketFull = buckets_.isEmpty() || lastBucketFill_ == bucketSize_;
        if (lastBucketFull && buckets_.size() == maxBuckets)
            mergePairs(); // leaves the last bucket with room when their number was odd
        if (buckets_.isEmpty() || lastBucketFill_ == bucketSize_) {
            buckets_.append({point, point});
            lastBucketFill_ = 1;
        } else {
            Bucket& bucket = buckets_.last();
            if (point.y() < bucket.low.y())
                bucket.low = point;  // ties keep the earlier point...
            if (point.y() >= bucket.high.y())
                bucket.high = point; // ...and the later one: a pair of equal points shows both
            ++lastBucketFill_;
        }
        ++count_;
    }

    // What the series shows, in step order: the first point, each bucket's low and high, the
    // last point.
    QList<QPointF> shown() const
    {
        QList<QPointF> points;
        if (count_ == 0)
            return points;
        points.reserve(2 * buckets_.size() + 2);
        const auto add = [&points](const QPointF& point) {
            // (Exact comparison: QPointF's == is fuzzy.)
            if (points.isEmpty() || points.last().x() != point.x() || points.last().y() != point.y())
                points.append(point);
        };
        add(first_);
        for (const Bucket& bucket : buckets_) {
            const bool lowFirst = bucket.low.x() <= bucket.high.x();
            add(lowFirst ? bucket.low : bucket.high);
            add(lowFirst ? bucket.high : bucket.low);
        }
        add(last_);
        return points;
    }

    bool isEmpty() const { return count_ == 0; }
    double lastX() const { return last_.x(); }
    double lastY() const { return last_.y(); }
    double lowest() const { return lowest_; }
    double highest() const { return highest_; }

private:
    struct Bucket {
        QPointF low;
        QPointF high;
    };
    // Two points a bucket plus the first and last points.
    static constexpr qsizetype maxBuckets = (maxShownPoints - 2) / 2;

    void mergePairs()
    {
        QList<Bucket> merged;
        merged.reserve(buckets_.size() / 2 + 1);
        for (qsizetype i = 0; i < buckets_.size(); i += 2) {
            Bucket bucket = buckets_[i];
            if (i + 1 < buckets_.size()) {
                const Bucket& next = buckets_[i + 1];
                if (next.low.y() < bucket.low.y())
                    bucket.low = next.low;
                if (next.high.y() >= bucket.high.y())
                    bucket.high = next.high;
            }
            merged.append(bucket);
        }
        buckets_ = std::move(merged);
        bucketSize_ *= 2;
        lastBucketFill_ = count_ - (buckets_.size() - 1) * bucketSize_;
    }

    QList<Bucket> buckets_;
    qsizetype bucketSize_ = 1;     // points per bucket, a power of 2; the last may hold fewer
    qsizetype lastBucketFill_ = 0;
    qsizetype count_ = 0;
    QPointF first_;
    QPointF last_;
    double lowest_ = 0.0;
    double highest_ = 0.0;
};
