// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/StartPage.h"

#include "app/gui/ScreenFit.h"

#include <QCheckBox>
#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

StartPage::StartPage(const std::vector<Preset>& presets, bool showAtStart, QWidget* parent)
    : QDialog(parent)
    , showBox_(new QCheckBox(tr("Show this page at start")))
{
    setWindowTitle(tr("Start: what would you like to see?"));
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("<h2>Sampling Matters Explorer</h2>"
                                  "<p>Each lesson below sets every parameter to show one idea of the paper "
                                  "<i>Sampling Matters in Deep Embedding Learning</i> (Wu et al., 2017), "
                                  "and says what to look for. They are also in the Presets menu.</p>"));
    heading->setWordWrap(true);
    layout->addWidget(heading);
    // The lessons scroll where the screen is short (a 1366 x 768 laptop): each keeps the height
    // its text needs at its width, never cut mid-line.
    auto* lessons = new QWidget;
    auto* grid = new QGridLayout(lessons);
    grid->setContentsMargins(0, 0, 0, 0);
    int index = 0;
    for (const Preset& preset : presets) {
        auto* button = new QCommandLinkButton(preset.title, preset.lookFor);
        button->setObjectName(QStringLiteral("preset-") + preset.id);
        button->setMinimumWidth(380);
        connect(button, &QCommandLinkButton::clicked, this, [this, id = preset.id] {
            emit presetChosen(id);
            accept();
        });
        grid->addWidget(button, index / 2, index % 2);
        ++index;
    }
    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("lessons"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(lessons);
    layout->addWidget(scroll, 1);
    showBox_->setObjectName(QStringLiteral("showAtStart"));
    showBox_->setChecked(showAtStart);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(showBox_);
    bottom->addStretch();
    bottom->addWidget(buttons);
    layout->addLayout(bottom);
    fitWindowToScreen(this, QSize(1100, 860));
}

bool StartPage::showAtStart() const
{
    return showBox_->isChecked();
}
