#include "cli/persistent_volume.h"

#include <gtest/gtest.h>

namespace brickyard::cli {
namespace {

TEST(PersistentVolumeTest, RendersHeketiCliShape) {
  Json volume = {{"size", 100}, {"name", "vol_1ba23e1134e531dec3830cfbcad1eeae"},
                 {"id", "1ba23e1134e531dec3830cfbcad1eeae"}, {"gid", 2001}};
  EXPECT_EQ(RenderPersistentVolume(PersistentVolume(volume, "glusterfs-cluster")),
            R"({
  "kind": "PersistentVolume",
  "apiVersion": "v1",
  "metadata": {
    "name": "glusterfs-1ba23e11",
    "creationTimestamp": null,
    "annotations": {
      "pv.beta.kubernetes.io/gid": "2001"
    }
  },
  "spec": {
    "capacity": {
      "storage": "100Gi"
    },
    "glusterfs": {
      "endpoints": "glusterfs-cluster",
      "path": "vol_1ba23e1134e531dec3830cfbcad1eeae"
    },
    "accessModes": [
      "ReadWriteMany"
    ],
    "persistentVolumeReclaimPolicy": "Retain"
  },
  "status": {}
})");
}

TEST(PersistentVolumeTest, DefaultsEndpointAndGid) {
  Json pv = PersistentVolume({{"size", 1}, {"name", "n"}, {"id", "abcdef0123"}}, "");
  EXPECT_EQ(pv["spec"]["glusterfs"]["endpoints"], "TYPE ENDPOINT HERE");
  EXPECT_EQ(pv["metadata"]["annotations"]["pv.beta.kubernetes.io/gid"], "0");
}

TEST(PersistentVolumeTest, EndpointPatchOneSubsetPerHost) {
  Json v = {{"mount", {{"glusterfs", {{"hosts", {"10.0.0.1", "10.0.0.2"}}}}}}};
  EXPECT_EQ(EndpointPatch(v).dump(),
            R"({"subsets":[{"addresses":[{"ip":"10.0.0.1"}],"ports":[{"port":1}]},)"
            R"({"addresses":[{"ip":"10.0.0.2"}],"ports":[{"port":1}]}]})");
}

}  // namespace
}  // namespace brickyard::cli
