#include "executors/ssh/host_keys.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <system_error>

namespace brickyard::executors::ssh {

std::string DescribeServerKey(ssh_session session) {
  ssh_key key = nullptr;
  if (ssh_get_server_publickey(session, &key) != SSH_OK || key == nullptr) return "unknown key";
  const char* type = ssh_key_type_to_char(ssh_key_type(key));
  std::string out = type != nullptr ? type : "unknown-type";
  unsigned char* hash = nullptr;
  size_t hlen = 0;
  if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen) == SSH_OK) {
    char* fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
    if (fp != nullptr) {
      out += " ";
      out += fp;
      ssh_string_free_char(fp);
    }
    ssh_clean_pubkey_hash(&hash);
  }
  ssh_key_free(key);
  return out;
}

HostKeyVerifier::HostKeyVerifier(std::string known_hosts, bool trust_on_first_use)
    : known_hosts_(std::move(known_hosts)), tofu_(trust_on_first_use) {}

Status HostKeyVerifier::Verify(ssh_session session, const std::string& target) {
  const std::string key_desc = DescribeServerKey(session);
  std::lock_guard lock(mu_);
  switch (ssh_session_is_known_server(session)) {
    case SSH_KNOWN_HOSTS_OK:
      return Status::Ok();
    case SSH_KNOWN_HOSTS_CHANGED:
      return Unavailable("host key of " + target + " has CHANGED (now " + key_desc +
                         "), refusing to connect: this may be a man-in-the-middle attack; if the "
                         "node was reinstalled, remove its old entry from " + known_hosts_);
    case SSH_KNOWN_HOSTS_OTHER:
      return Unavailable("host key of " + target + " is of another type than the one recorded in " +
                         known_hosts_ + " (now " + key_desc + "), refusing to connect");
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
      if (!tofu_) {
        return Unavailable("host key of " + target + " is unknown (" + key_desc +
                           "), refusing to connect: add it to " + known_hosts_ +
                           " or enable sshexec.trust_on_first_use");
      }
      return RecordUnknown(session, target, key_desc);
    case SSH_KNOWN_HOSTS_ERROR:
    default:
      return Unavailable("cannot check the host key of " + target + " against " + known_hosts_ +
                         ": " + ssh_get_error(session));
  }
}

Status HostKeyVerifier::RecordUnknown(ssh_session session, const std::string& target,
                                      const std::string& key_desc) {
  std::error_code ec;
  const auto dir = std::filesystem::path(known_hosts_).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (ssh_session_update_known_hosts(session) != SSH_OK) {
    return Unavailable("host key of " + target + " is unknown (" + key_desc +
                       ") and could not be recorded in " + known_hosts_ + ": " +
                       ssh_get_error(session));
  }
  spdlog::warn(
      "SSH TRUST ON FIRST USE: accepted the previously unknown host key of {} ({}) and recorded it "
      "in {}; verify this fingerprint out of band",
      target, key_desc, known_hosts_);
  return Status::Ok();
}

}  // namespace brickyard::executors::ssh
