// A test environment for operations: a temporary SQLite store, the mock
// executor behind a forwarding wrapper tests can make fail, and helpers to
// build topologies by running operations synchronously.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "executors/forwarding_executor.h"
#include "executors/mock/mock_executor.h"
#include "ops/consistency.h"
#include "ops/context.h"
#include "ops/topology_ops.h"
#include "ops/volume_ops.h"
#include "store/sqlite_store.h"

namespace brickyard::ops::testing {

// Fails chosen calls: a hook returns a non-OK status to fail that call.
class FlakyExecutor : public executors::ForwardingExecutor {
 public:
  using ForwardingExecutor::ForwardingExecutor;
  std::function<Status(const executors::BrickRequest&)> on_brick_create;
  std::function<Status(const executors::VolumeRequest&)> on_volume_create;
  std::function<Status(const executors::BrickRequest&)> on_brick_extend;
  std::atomic<int> volume_creates{0};

  Status BrickExtend(const std::string& host, const executors::BrickRequest& req,
                     const executors::BrickSize& grown) override {
    if (on_brick_extend) BY_RETURN_IF_ERROR(on_brick_extend(req));
    return inner_.BrickExtend(host, req, grown);
  }

  Status BrickCreate(const std::string& host, const executors::BrickRequest& req) override {
    if (on_brick_create) BY_RETURN_IF_ERROR(on_brick_create(req));
    return inner_.BrickCreate(host, req);
  }
  Status VolumeCreate(const std::string& host, const executors::VolumeRequest& req) override {
    ++volume_creates;
    if (on_volume_create) BY_RETURN_IF_ERROR(on_volume_create(req));
    return inner_.VolumeCreate(host, req);
  }
};

class OpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/brickyard-ops-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto s = store::SqliteStore::Open(dir_ + "/t.db", {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    config_.glusterfs.executor = "mock";
    ctx_ = std::make_unique<Context>(Context{*store_, flaky_, config_, clock_, health_});
    volumes_ = std::make_unique<VolumeOps>(*ctx_);
    topology_ = std::make_unique<TopologyOps>(*ctx_);
  }
  void TearDown() override {
    volumes_.reset();
    topology_.reset();
    ctx_.reset();
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Runs a prepared operation to completion.
  static Result<std::string> RunOp(Result<PreparedOp> p) {
    if (!p.ok()) return p.status();
    return p->run();
  }

  std::string MakeCluster(const std::string& name = "") {
    auto c = topology_->CreateCluster(true, true, name);
    EXPECT_TRUE(c.ok());
    return c->id;
  }

  std::string AddNode(const std::string& cluster, int64_t zone, const std::string& host) {
    NodeAddSpec spec{cluster, zone, {host}, {host}, {}};
    auto loc = RunOp(topology_->PrepareNodeAdd(spec));
    EXPECT_TRUE(loc.ok()) << loc.status().ToString();
    return loc.ok() ? loc->substr(std::string("/nodes/").size()) : "";
  }

  void AddDevice(const std::string& node, const std::string& name) {
    auto r = RunOp(topology_->PrepareDeviceAdd({node, name, false, {}}));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
  }

  VolumeCreateSpec Replica3(int64_t gib, const std::string& cluster = "") {
    VolumeCreateSpec s;
    s.size_gib = gib;
    s.durability = {model::DurabilityType::kReplicate, 3, 0, 0};
    if (!cluster.empty()) s.clusters = {cluster};
    return s;
  }

  Result<std::string> CreateVolume(const VolumeCreateSpec& spec) {
    auto loc = RunOp(volumes_->PrepareCreate(spec));
    if (!loc.ok()) return loc.status();
    return loc->substr(std::string("/volumes/").size());
  }

  // Asserts the accounting identities and link consistency of the store.
  void ExpectConsistent() {
    Status st = store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(ConsistencyReport r, CheckConsistency(tx));
      EXPECT_EQ(r.Total(), 0) << (r.devices.inconsistencies.empty() ? "" : r.devices.inconsistencies[0]);
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
  }

  std::string dir_;
  std::unique_ptr<store::SqliteStore> store_;
  executors::MockExecutor mock_{500};
  FlakyExecutor flaky_{mock_};
  config::Config config_;
  FakeClock clock_{1700000000};
  HealthCache health_;
  std::unique_ptr<Context> ctx_;
  std::unique_ptr<VolumeOps> volumes_;
  std::unique_ptr<TopologyOps> topology_;
};

}  // namespace brickyard::ops::testing
