// Every JSON response object the REST API sends (spec heketi-api §7), and
// the byte encoders that write them as Heketi does (api/wire.h).
//
// Encoders return nlohmann::ordered_json so that field order is Heketi's
// emission order; write them with ToWire / ToWireIndented.
#pragma once

#include "api/block_volume_responses.h"
#include "api/server_responses.h"
#include "api/topology_responses.h"
#include "api/volume_responses.h"
#include "api/wire.h"
