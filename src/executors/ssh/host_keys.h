// HostKeyVerifier: checks a freshly connected libssh session's server key
// against one known_hosts file (DECISIONS #8).
//
//  * a key recorded for the host is accepted;
//  * an unknown host is refused, unless trust-on-first-use is on, in which
//    case its key is appended to the file and a warning is logged;
//  * a CHANGED key (or a key of another type than the recorded one) is always
//    refused, with trust-on-first-use too.
// Refusals are Unavailable and name the host, the key type and its SHA256
// fingerprint; no key material other than the fingerprint is ever logged.
// Thread-safe: reads and appends to the file are serialised by one mutex.
#pragma once

#include <libssh/libssh.h>

#include <mutex>
#include <string>

#include "common/status.h"

namespace brickyard::executors::ssh {

class HostKeyVerifier {
 public:
  // `known_hosts` is the file the session was configured with
  // (SSH_OPTIONS_KNOWNHOSTS); it need not exist yet.
  HostKeyVerifier(std::string known_hosts, bool trust_on_first_use);

  // `target` is "host:port", for messages. `session` must be connected (key
  // exchange done) and not yet authenticated.
  Status Verify(ssh_session session, const std::string& target);

 private:
  Status RecordUnknown(ssh_session session, const std::string& target, const std::string& key_desc);

  const std::string known_hosts_;
  const bool tofu_;
  std::mutex mu_;  // serialises access to the known_hosts file
};

// "ssh-ed25519 SHA256:…" for the session's server key, or "unknown key".
std::string DescribeServerKey(ssh_session session);

}  // namespace brickyard::executors::ssh
