// The ablation grid as a heat map: Recall@1 of every sampler (rows) x loss (columns) cell, its
// mean ± sd over the seeds written in the cell, collapsed cells hatched and named so.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/training/Ablation.h"

#include <QWidget>
#include <array>
#include <optional>

class AblationHeatMap : public QWidget {
    Q_OBJECT
public:
    explicit AblationHeatMap(QWidget* parent = nullptr);

    // Every cell waiting (drawn grey, without text).
    void clear();
    // One cell filled in, as it finishes; a later call for the same sampler and loss replaces it.
    void setCell(const sme::AblationCell& cell);
    // Clears, then fills every cell of the result.
    void setResult(const sme::AblationResult& result);

    // The text written in a cell: "0.873 ± 0.011", and on a second line "collapsed (2 of 3)"
    // when seeds ended collapsed; empty while the cell waits.
    QString cellText(sme::SamplerKind sampler, sme::LossKind loss) const;
    bool isFilled(sme::SamplerKind sampler, sme::LossKind loss) const;

    // Recall@1 from 0 to 1 as the cells colour it: dark blue through green to yellow (viridis).
    static QColor recallColor(double recall);

    QSize sizeHint() const override { return {760, 460}; }
    QSize minimumSizeHint() const override { return {520, 300}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Layout; // where the labels, the cells and the colour scale go at the current size
    Layout layout() const;
    void paintLabels(QPainter& painter, const Layout& at) const;
    void paintCell(QPainter& painter, const QRectF& rect, std::size_t index) const;
    void paintScale(QPainter& painter, const Layout& at) const;

    std::array<std::optional<sme::AblationCell>, sme::ablationCellCount> cells_;
};
