#include "cli/volume_request.h"

#include <gtest/gtest.h>

namespace brickyard::cli {
namespace {

TEST(VolumeRequestTest, DefaultsAsHeketiCliSends) {
  VolumeCreateFlags f;
  f.size = 10;
  EXPECT_EQ(VolumeCreateRequest(f).dump(),
            R"({"size":10,"name":"","durability":{"type":"replicate","replicate":{"replica":3},)"
            R"("disperse":{"data":4,"redundancy":2}},"snapshot":{"enable":false,"factor":0}})");
}

TEST(VolumeRequestTest, AllFlags) {
  VolumeCreateFlags f;
  f.size = 100;
  f.name = "rhv-hosted-engine";
  f.clusters = "ae2a309d02781816adfed567693221a9,ocp";
  f.gid = 2001;
  f.options = "performance.rda-cache-limit 10MB,performance.nl-cache-positive-entry no";
  f.block = true;
  f.snapshot_factor = 1.5;
  f.durability = "disperse";
  EXPECT_EQ(VolumeCreateRequest(f).dump(),
            R"({"size":100,"clusters":["ae2a309d02781816adfed567693221a9","ocp"],"name":"rhv-hosted-engine",)"
            R"("durability":{"type":"disperse","replicate":{"replica":3},"disperse":{"data":4,"redundancy":2}},)"
            R"("gid":2001,"glustervolumeoptions":["performance.rda-cache-limit 10MB","performance.nl-cache-positive-entry no"],)"
            R"("block":true,"snapshot":{"enable":true,"factor":1.5}})");
}

}  // namespace
}  // namespace brickyard::cli
