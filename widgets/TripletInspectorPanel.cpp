// The inspector's list over the map: anchor, positives, each sampler's negatives.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TripletInspectorPanel.h"
#include "widgets/ClassLabel.h"
#include "widgets/SamplerLabel.h"

#include "widgets/ChartPanel.h"

#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QToolButton>
#include <algorithm>

namespace {

QString distanceText(double distance)
{
    return QString::number(distance, 'f', 3);
}

using ClassNames = std::map<int, std::string>;

// "1.402 (class 12), 0.871 (Sandal) ×2": a sampler picks one negative per positive, often
// the same one (hard negative always): repeats are counted, not listed again.
QString picksText(const std::vector<sme::InspectedPick>& picks, const std::vector<int>& labels,
                  const ClassNames& names)
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
        QString part = TripletInspectorPanel::tr("%1 (%2)")
                           .arg(distanceText(negative.distance),
                                classLabel(labels.at(std::size_t(negative.row)), names));
        if (count > 1)
            part += QStringLiteral(" \u00D7%1").arg(count);
        parts.append(part);
    }
    return parts.join(QStringLiteral(", "));
}

// The points more than one sampler picked, each with the samplers that did, by SamplerKind.
QString sharedPicksText(const sme::TripletInspection& inspection, const std::vector<int>& labels,
                        const ClassNames& names)
{
    std::vector<std::pair<sme::InspectedPoint, QStringList>> points;
    for (sme::SamplerKind kind : sme::allSamplerKinds)
        for (const sme::InspectedPick& pick : inspection.picks[std::size_t(kind)]) {
            auto same = std::find_if(points.begin(), points.end(),
                                     [&](const auto& entry) { return entry.first.row == pick.negative.row; });
            if (same == points.end())
                points.emplace_back(pick.negative, QStringList{samplerLabel(kind)});
            else if (!same->second.contains(samplerLabel(kind)))
                same->second.append(samplerLabel(kind));
        }
    QStringList lines;
    for (const auto& [point, samplers] : points)
        if (samplers.size() > 1)
            lines.append(TripletInspectorPanel::tr("%1: %2, %3")
                             .arg(samplers.join(QStringLiteral(" = ")), distanceText(point.distance),
                                  classLabel(labels.at(std::size_t(point.row)), names)));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

TripletInspectorPanel::TripletInspectorPanel(QWidget* parent)
    : QFrame(parent)
    , anchor_(new QLabel)
    , shared_(new QLabel)
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
    // Samplers that picked the same point draw it offset around it; this says which they are.
    shared_->setWordWrap(true);
    layout->addWidget(shared_, int(sme::allSamplerKinds.size()) + 1, 0, 1, 2);
    setCursor(Qt::OpenHandCursor); // it can be dragged off the points it covers
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    setFont(small);
    hide();
}

void TripletInspectorPanel::setInspection(const sme::TripletInspection& inspection,
                                          const std::vector<int>& labels, const ClassNames& classNames)
{
    QStringList positives;
    for (const sme::InspectedPoint& p : inspection.positives)
        positives.append(distanceText(p.distance));
    const QString anchorClass = classLabel(labels.at(std::size_t(inspection.anchor)), classNames);
    anchor_->setText(positives.isEmpty()
                         ? tr("Anchor: %1, no positive in its batch of %2")
                               .arg(anchorClass, QString::number(inspection.batch.size()))
                         : tr("Anchor: %1, batch of %2; positives at %3")
                               .arg(anchorClass, QString::number(inspection.batch.size()),
                                    positives.join(QStringLiteral(", "))));
    for (sme::SamplerKind kind : sme::allSamplerKinds)
        samplers_[std::size_t(kind)]->setText(
            QStringLiteral("<b style=\"color:%1\">\u25C6&nbsp;%2</b>&nbsp; %3")
                .arg(samplerColor(int(kind)).name(), samplerLabel(kind).toHtmlEscaped(),
                     picksText(inspection.picks[std::size_t(kind)], labels, classNames).toHtmlEscaped()));
    shared_->setText(sharedPicksText(inspection, labels, classNames));
    shared_->setVisible(!shared_->text().isEmpty());
    adjustSize();
    show();
}

void TripletInspectorPanel::clear()
{
    anchor_->clear();
    for (QLabel* label : samplers_)
        label->clear();
    shared_->clear();
    movedByHand_ = false;
    hide();
}

QString TripletInspectorPanel::sharedText() const
{
    return shared_->text();
}

void TripletInspectorPanel::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        grabbedAt_ = event->position().toPoint();
        event->accept();
        return;
    }
    QFrame::mousePressEvent(event);
}

void TripletInspectorPanel::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton) || !parentWidget()) {
        QFrame::mouseMoveEvent(event);
        return;
    }
    // Kept inside the map, so it can always be grabbed again.
    const QRect room = parentWidget()->rect();
    const QPoint wanted = mapToParent(event->position().toPoint() - grabbedAt_);
    move(std::clamp(wanted.x(), room.left(), std::max(room.left(), room.right() - width())),
         std::clamp(wanted.y(), room.top(), std::max(room.top(), room.bottom() - height())));
    movedByHand_ = true;
    event->accept();
}

QString TripletInspectorPanel::anchorText() const
{
    return anchor_->text();
}

QString TripletInspectorPanel::samplerText(sme::SamplerKind kind) const
{
    return samplers_[std::size_t(kind)]->text();
}
