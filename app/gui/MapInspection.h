// The triplet inspector wired to the embedding map it inspects, as the main window has it, and
// the map's numbers.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Table.h"

class EmbeddingMapView;
class TripletInspector;

// A click on a point inspects it and the map draws the result; a cleared map stops the
// inspection. An inspection the map cannot draw is refused with the inspector's message.
void connectInspection(TripletInspector& inspector, EmbeddingMapView& map);

// The map's 2-D coordinates, one row per point as drawn, with its class (x, y, class).
sme::Table mapTable(const EmbeddingMapView& map);
