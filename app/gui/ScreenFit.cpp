// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/ScreenFit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

#include <algorithm>

void fitWindowToScreen(QWidget* window, QSize wanted)
{
    const QWidget* parent = window->parentWidget();
    const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(QPoint(0, 0), wanted);
    // The frame and title bar the window manager adds around the window.
    constexpr int frameWidth = 40;
    constexpr int frameHeight = 60;
    window->resize(std::min(wanted.width(), available.width() - frameWidth),
                   std::min(wanted.height(), available.height() - frameHeight));
    window->move(available.center() - window->rect().center());
}
