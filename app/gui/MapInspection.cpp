// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MapInspection.h"

#include "app/control/TripletInspector.h"
#include "app/io/ModelMessages.h"
#include "app/render/PublicationStyle.h"
#include "model/base/Error.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/TripletInspectorPanel.h"

#include <QScatterSeries>

void connectInspection(TripletInspector& inspector, EmbeddingMapView& map)
{
    // The inspector's box and its × are for the person at the screen: exports leave them out.
    if (auto* panel = map.findChild<TripletInspectorPanel*>())
        panel->setProperty(hiddenInExportsProperty, true);
    QObject::connect(&map, &EmbeddingMapView::pointClicked, &inspector, &TripletInspector::inspect);
    QObject::connect(&map, &EmbeddingMapView::inspectionCleared, &inspector, &TripletInspector::forget);
    QObject::connect(&inspector, &TripletInspector::cleared, &map, &EmbeddingMapView::clearInspection);
    QObject::connect(&inspector, &TripletInspector::inspected, &map,
                     [&inspector, &map](const sme::TripletInspection& inspection) {
                         try {
                             map.setInspection(inspection);
                         } catch (const sme::Error& e) {
                             inspector.refuse(errorText(e));
                         }
                     });
}

sme::Table mapTable(const EmbeddingMapView& map)
{
    sme::Table table{{"x", "y", "class"}, {}};
    for (int i = 0; i < map.classSeriesCount(); ++i)
        for (const QPointF& point : map.classSeries(i)->points())
            table.addRow({point.x(), point.y(), double(map.classLabels()[std::size_t(i)])});
    return table;
}
