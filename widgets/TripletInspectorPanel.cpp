// The inspector's list over the map: anchor, positives, each sampler's negatives.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TripletInspectorPanel.h"
#include "widgets/SamplerLabel.h"

#include "widgets/ChartPanel.h"

#include <QGridLayout>
#include <QLabel>
#include <QToolButton>
#include <algorithm>

namespace {

QString distanceText(double distance)
{
    return QString::number(distance, 'f', 3);
}

// "1.402 (class 12), 0.871 (class 40) ×2": a sampler picks one negative per positive, often
// the same one (hard negative always): repeats are counted, not listed again.
QString picksText(const std::vector<sme::InspectedPick>& picks, const std::vector<int>& labels)
{
    if (picks.empty())
        return TripletInspectorPanel::tr("none (no positive or no other class in the batch)");
    std::vector<std::pair<sme::InspectedPoint, int>> distinct;
    for (const sme::InspectedPick& pick : picks) {
        auto same = std::find_if(distinct.begin(), distinct.end(), [&](const auto& entry) {
            return entry.first.row == pick.negative.row;
        });
        if (same != distinct.end())
            ++same->second;
        else
            distinct.emplace_back(pick.negative, 1);
    }
    QStringList parts;
    for (const auto& [negative, count] : distinct) {
        QString part = TripletInspectorPanel::tr("%1 (class %2)")
                           .arg(distanceText(negative.distance))
                           .arg(labels.at(std::size_t(negative.row)));
        if (count > 1)
            part += QStringLiteral(" \u00D7%1").arg(count);
        parts.append(part);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

TripletInspectorPanel::TripletInspectorPanel(QWidget* parent)
    : QFrame(parent)
    , anchor_(new QLabel)
{
    setObjectName(QStringLiteral("TripletInspectorPanel"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette translucent = palette();
    QColor base = translucent.color(QPalette::Window);
    base.setAlpha(235); // the map shows faintly through, the text stays readable
    translucent.setColor(QPalette::Window, base);
    setPalette(translucent);
    setToolTip(tr("The batch: the anchor, K \u2212 1 others of its class and K points of each "
                  "of P \u2212 1 other classes of the held-out points, drawn from the seed and "
                  "the anchor. Distances are in the n-dimensional embedding, not on the map."));

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(6, 4, 4, 6);
    layout->setHorizontalSpacing(8);
    layout->setVerticalSpacing(2);
    anchor_->setWordWrap(true);
    auto* close = new QToolButton;
    close->setText(QStringLiteral("\u00D7"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Stop inspecting (Esc)"));
    connect(close, &QToolButton::clicked, this, &TripletInspectorPanel::closeRequested);
    layout->addWidget(anchor_, 0, 0);
    layout->addWidget(close, 0, 1, Qt::AlignTop | Qt::AlignRight);
    layout->setColumnStretch(0, 1);
    // One flowing line per sampler, its name first: the picks wrap under the name and use the
    // panel's whole width (a column of names left a narrow column of numbers on a small map).
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        auto* label = new QLabel;
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        samplers_[std::size_t(kind)] = label;
        layout->addWidget(label, int(kind) + 1, 0, 1, 2);
    }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    setFont(small);
    hide();
}

void TripletInspectorPanel::setInspection(const sme::TripletInspection& inspection,
                                          const std::vector<int>& labels)
{
    QStringList positives;
    for (const sme::InspectedPoint& p : inspection.positives)
        positives.append(distanceText(p.distance));
    const int anchorLabel = labels.at(std::size_t(inspection.anchor));
    anchor_->setText(positives.isEmpty()
                         ? tr("Anchor: class %1, no positive in its batch of %2")
                               .arg(anchorLabel).arg(inspection.batch.size())
                         : tr("Anchor: class %1, batch of %2; positives at %3")
                               .arg(anchorLabel).arg(inspection.batch.size()).arg(positives.join(QStringLiteral(", "))));
    for (sme::SamplerKind kind : sme::allSamplerKinds)
        samplers_[std::size_t(kind)]->setText(
            QStringLiteral("<b style=\"color:%1\">\u25C6&nbsp;%2</b>&nbsp; %3")
                .arg(samplerColor(int(kind)).name(), samplerLabel(kind).toHtmlEscaped(),
                     picksText(inspection.picks[std::size_t(kind)], labels).toHtmlEscaped()));
    adjustSize();
    show();
}

void TripletInspectorPanel::clear()
{
    anchor_->clear();
    for (QLabel* label : samplers_)
        label->clear();
    hide();
}

QString TripletInspectorPanel::anchorText() const
{
    return anchor_->text();
}

QString TripletInspectorPanel::samplerText(sme::SamplerKind kind) const
{
    return samplers_[std::size_t(kind)]->text();
}
