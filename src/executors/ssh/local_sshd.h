// LocalSshd (tests only): an OpenSSH server bound to 127.0.0.1 on a free
// port, run as a child process with its own temporary host key, client key
// and authorized_keys, accepting key-only logins of the current user. Used
// to test SshTransport against a real sshd without touching any other
// network. Stop() ends the listener and the session processes it forked, by
// process id.
#pragma once

#include <string>
#include <sys/types.h>

namespace brickyard::executors::ssh {

class LocalSshd {
 public:
  // Why a local sshd cannot run here ("" when it can): not root, no
  // /usr/sbin/sshd or ssh-keygen.
  static std::string Unavailability();

  // Creates a temporary directory with a host key, a client key and the
  // server configuration. ok() tells whether that worked.
  LocalSshd();
  ~LocalSshd();
  LocalSshd(const LocalSshd&) = delete;
  LocalSshd& operator=(const LocalSshd&) = delete;

  bool ok() const { return ok_; }
  // Starts sshd (on the same port after a Stop) and waits until it accepts
  // connections. False when it did not come up within a few seconds.
  bool Start();
  void Stop();
  // Gives the server a new host key, effective from the next Start().
  bool RotateHostKey();

  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  std::string client_key() const { return dir_ + "/id_ed25519"; }
  // A known_hosts line for this server's current host key.
  std::string KnownHostsLine() const;
  // Writes `content` to dir()/<name> and returns the path.
  std::string WriteFile(const std::string& name, const std::string& content) const;

 private:
  bool WriteConfig() const;

  std::string dir_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool ok_ = false;
};

}  // namespace brickyard::executors::ssh
