// The loss-function view: each loss of a positive and of a negative pair against the distance,
// with beta and the margin beta +- alpha draggable.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/losses/Losses.h"
#include "widgets/ChartPanel.h"

#include <array>

class QLineSeries;
class QValueAxis;

class LossFunctionsView : public ChartPanel {
    Q_OBJECT
public:
    explicit LossFunctionsView(QWidget* parent = nullptr);

    // Shows the curves; the lines at beta and beta +- alpha follow curves.alpha and curves.beta.
    void setCurves(const sme::LossCurves& curves);

    double beta() const { return beta_; }
    double alpha() const { return alpha_; }
    // Ordered by LossKind, the positive pair before the negative one (the table's order).
    QList<const QXYSeries*> lossSeries() const;
    const QLineSeries* betaSeries() const { return betaLine_; }
    const QLineSeries* marginLowerSeries() const { return marginLower_; }
    const QLineSeries* marginUpperSeries() const { return marginUpper_; }

signals:
    // While the beta line is dragged: the distance under the cursor, clamped to [0, 2].
    void betaDragged(double newBeta);
    // While a margin line is dragged: |x - beta|, clamped to [0, 2].
    void alphaDragged(double newAlpha);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    enum class Handle { None, Beta, Margin };
    // The line within grab reach of a viewport position, beta first when lines are close.
    Handle handleAt(const QPointF& viewportPosition) const;
    QPointF chartPosition(const QPointF& viewportPosition) const;

    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
    std::array<QLineSeries*, 4> positive_{};
    std::array<QLineSeries*, 4> negative_{};
    QLineSeries* betaLine_;
    QLineSeries* marginLower_;
    QLineSeries* marginUpper_;
    double alpha_ = 0.2;
    double beta_ = 1.2;
    Handle dragging_ = Handle::None;
};
