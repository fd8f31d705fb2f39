// Query-level checks of SqliteTx on a bare connection: every query the API
// runs per request is answered from an index, so its cost does not grow with
// the number of volumes.
#include "store/sqlite_tx.h"

#include <gtest/gtest.h>

#include "store/schema.h"
#include "store/store_test_util.h"

namespace brickyard::store {
namespace {

using test_util::Id;
using test_util::Must;

// The parameter: whether the planner has ANALYZE statistics.
class SqliteTxTest : public ::testing::TestWithParam<bool> {
 protected:
  static constexpr int kClusters = 3;
  static constexpr int kVolumesPerCluster = 200;

  void SetUp() override {
    auto db = Db::Open(dir_.File("t.db"), /*read_only=*/false, 1000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(Migrate(*db_, Migrations()).ok());
    ASSERT_TRUE(db_->Exec("begin", "BEGIN").ok());
    SqliteTx tx(*db_);
    for (int c = 1; c <= kClusters; ++c) {
      ASSERT_TRUE(tx.PutCluster(test_util::SampleCluster(Id(c), "c" + std::to_string(c))).ok());
      ASSERT_TRUE(
          tx.PutNode(test_util::SampleNode(Id(100 + c), Id(c), "n" + std::to_string(c))).ok());
      ASSERT_TRUE(tx.PutDevice(test_util::SampleDevice(Id(200 + c), Id(100 + c))).ok());
      ASSERT_TRUE(
          tx.PutPendingOp(test_util::SampleOp(Id(300 + c), model::OpType::kCreateVolume)).ok());
      for (int v = 0; v < kVolumesPerCluster; ++v) {
        int n = 10000 * c + v;
        model::Volume vol = test_util::SampleVolume(Id(n), Id(c), "vol" + std::to_string(n));
        vol.gid = n;
        if (v % 10 == 0) vol.pending_op = Id(300 + c);
        ASSERT_TRUE(tx.PutVolume(vol).ok());
        ASSERT_TRUE(
            tx.PutBrick(test_util::SampleBrick(Id(n + 5000), Id(n), Id(200 + c), Id(100 + c)))
                .ok());
      }
    }
    for (int j = 0; j < kVolumesPerCluster; ++j) {
      Job job = test_util::SampleJob(Id(50000 + j));
      job.finished_unix = 1000 + j;
      if (j % 50 == 0) job.state = Job::State::kRunning;
      ASSERT_TRUE(tx.PutJob(job).ok());
    }
    ASSERT_TRUE(db_->Exec("commit", "COMMIT").ok());
    if (GetParam()) {
      ASSERT_TRUE(db_->Exec("analyze", "ANALYZE").ok());
    }
  }

  test_util::TempDir dir_;
  std::unique_ptr<Db> db_;
};

TEST_P(SqliteTxTest, PerRequestQueriesUseIndexes) {
  ASSERT_TRUE(db_->Exec("begin", "BEGIN").ok());
  SqliteTx tx(*db_);
  const int64_t start = db_->FullScanSteps();
  const std::string c = Id(2);
  const std::string vol = Id(20007);

  EXPECT_TRUE(tx.GetCluster(c).ok());
  EXPECT_TRUE(tx.FindClusterByName("c2").ok());
  EXPECT_TRUE(tx.GetNode(Id(102)).ok());
  EXPECT_EQ(Must(tx.ListNodeIds(c)).size(), 1u);
  EXPECT_EQ(Must(tx.FindNodeByHostname("n2.storage")), Id(102));
  EXPECT_TRUE(tx.GetDevice(Id(202)).ok());
  EXPECT_EQ(Must(tx.ListDeviceIds(Id(102))).size(), 1u);
  EXPECT_EQ(Must(tx.ListClusterDevices(c)).size(), 1u);
  EXPECT_EQ(Must(tx.ListClusterDeviceSpace(c)).size(), 1u);
  EXPECT_EQ(Must(tx.ListClusterMountHosts(c)), std::vector<std::string>{"n2.storage"});
  EXPECT_TRUE(tx.GetVolume(vol).ok());
  EXPECT_EQ(Must(tx.FindVolumeByName(c, "vol20007")), vol);
  EXPECT_EQ(Must(tx.ListClusterVolumeIds(c, true)).size(), size_t{kVolumesPerCluster});
  EXPECT_EQ(Must(tx.ListClusterVolumeIds(c, false)).size(), size_t{kVolumesPerCluster * 9 / 10});
  EXPECT_EQ(Must(tx.CountClusterVolumes(c)), kVolumesPerCluster);
  EXPECT_TRUE(Must(tx.GidInUse(20007)));
  EXPECT_FALSE(Must(tx.GidInUse(7)));
  EXPECT_EQ(Must(tx.NextFreeGid(5, 10)), 5);
  EXPECT_EQ(Must(tx.NextFreeGid(20000, 29999)), 20200);  // after the highest: one seek
  EXPECT_EQ(tx.NextFreeGid(20007, 20007).status().code(), Code::kNotFound);
  EXPECT_TRUE(tx.GetBrick(Id(25007)).ok());
  EXPECT_EQ(Must(tx.ListVolumeBricks(vol)).size(), 1u);
  EXPECT_EQ(Must(tx.ListDeviceBricks(Id(202))).size(), size_t{kVolumesPerCluster});
  EXPECT_EQ(Must(tx.GetPendingOp(Id(302))).changes.size(), 3u);
  EXPECT_TRUE(tx.ListOpSteps(Id(302)).ok());
  EXPECT_TRUE(tx.AppendOpStep(Id(302), {0, "brick-create", vol, 1}).ok());
  EXPECT_TRUE(tx.GetJob(Id(50002)).ok());
  // Writes, including their uniqueness checks and the foreign-key checks of
  // deleting a parent.
  EXPECT_TRUE(tx.PutCluster(test_util::SampleCluster(c, "renamed")).ok());
  EXPECT_TRUE(tx.PutNode(test_util::SampleNode(Id(102), c, "n2")).ok());
  EXPECT_TRUE(tx.PutVolume(test_util::SampleVolume(vol, c, "vol20007")).ok());
  EXPECT_TRUE(tx.DeleteBrick(Id(25007)).ok());
  EXPECT_TRUE(tx.DeleteVolume(vol).ok());
  EXPECT_TRUE(tx.DeletePendingOp(Id(399)).ok());
  EXPECT_TRUE(Must(tx.DeleteJobsFinishedBefore(1)) == 0);

  EXPECT_EQ(db_->FullScanSteps(), start) << "a per-request query scanned a whole table";

  // The restart scan walks its partial index: steps follow the running jobs
  // (4), not all jobs (200).
  const int64_t before_running = db_->FullScanSteps();
  EXPECT_EQ(Must(tx.ListRunningJobs()).size(), size_t{kVolumesPerCluster / 50});
  EXPECT_LE(db_->FullScanSteps() - before_running, kVolumesPerCluster / 50);
  EXPECT_TRUE(db_->Exec("commit", "COMMIT").ok());
}

TEST_P(SqliteTxTest, ListingEverythingIsTheOnlyScan) {
  SqliteTx tx(*db_);
  const int64_t start = db_->FullScanSteps();
  EXPECT_EQ(Must(tx.ListVolumeIds(true)).size(), size_t{kClusters * kVolumesPerCluster});
  EXPECT_EQ(Must(tx.ListVolumeIds(false)).size(), size_t{kClusters * kVolumesPerCluster * 9 / 10});
  EXPECT_GT(db_->FullScanSteps(), start);
}

INSTANTIATE_TEST_SUITE_P(Statistics, SqliteTxTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Analyzed" : "NotAnalyzed";
                         });

}  // namespace
}  // namespace brickyard::store
