#include "cli/doc_gen.h"

#include <gtest/gtest.h>

#include "cli/app.h"

namespace brickyard::cli {
namespace {

class DocGenTest : public ::testing::Test {
 protected:
  DocGenTest() { BuildCommandTree(root_, flags_, commands_); }
  CLI::App root_;
  RootFlags flags_;
  Commands commands_;
};

TEST_F(DocGenTest, BashCompletesEveryCommandPathWithItsFlags) {
  std::string script = BashCompletion(root_);
  EXPECT_NE(script.find("    \"\") words=\"cluster node device volume blockvolume brick topology server db "
                        "loglevel setup-openshift-heketi-storage completion man --help -h --server -s"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("\"volume create\") words=\"--help -h --size --gid --name"), std::string::npos);
  EXPECT_NE(script.find("\"node rmtags\"|\"node deltags\"|\"node removetags\")"), std::string::npos);
  EXPECT_NE(script.find("\"server operations cleanup\""), std::string::npos);
  // Global flags are offered inside commands too.
  size_t at = script.find("\"topology info\") words=");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(script.substr(at, script.find('\n', at) - at).find("--insecure-tls"), std::string::npos);
}

TEST_F(DocGenTest, ManualListsCommandsAndFlags) {
  std::string man = MarkdownManual(root_);
  EXPECT_NE(man.find("## brickyard-cli topology load"), std::string::npos);
  EXPECT_NE(man.find("| `-j`, `--json` |"), std::string::npos);
  EXPECT_NE(man.find("| `--replica` | Replica value for durability type 'replicate' | 3 |"), std::string::npos);
  EXPECT_NE(man.find("Aliases: `setup-heketi-db-storage` `setup-kubernetes-heketi-storage`"), std::string::npos);
}

}  // namespace
}  // namespace brickyard::cli
