// ApiClient: one loopback connection to the server that signs every request
// with a fresh admin JWT (spec heketi-api §4) and can run the async protocol
// (§3): 202 + Location → poll /queue/{id} → 303 → GET the result.
//
// By default every request opens its own connection, as brickyard-cli does.
// With `keep_alive`, requests reuse one connection, as Heketi's Go client
// and Python sessions do.
//
// Thread-safety: none; give each load-generating thread its own client.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/status.h"

namespace brickyard::bench {

struct HttpReply {
  int status = 0;  // 0: no answer (connection failed)
  std::string body;
  std::string location;
  bool pending = false;  // X-Pending was present
  std::string error;     // why there was no answer (status 0)
};

// Delays between /queue polls: the first poll is immediate, then `first`,
// doubling up to `max`.
struct PollPolicy {
  std::chrono::microseconds first{1000};
  std::chrono::microseconds max{1000};
};

// Per-client counters, summed by the caller across threads.
struct CallStats {
  int64_t requests = 0;   // HTTP requests sent, polls included
  int64_t busy = 0;       // 429 answers (each was retried after a short pause)
  int64_t no_answer = 0;  // connections refused, reset or closed without an answer (retried)
};

class ApiClient {
 public:
  explicit ApiClient(int port, bool keep_alive = false);
  ~ApiClient();
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;

  // One signed request, no protocol handling. A request that gets no answer
  // (connection reset or closed early) is counted and sent again, up to 3
  // times, also for POST: the load generator accepts a rare duplicate create
  // and counts volumes from the server's list.
  HttpReply Send(const std::string& method, const std::string& path, const std::string& body = "");

  // Send, then follow the async protocol to the end. 429 answers are counted
  // and retried after 20 ms (real clients wait 10–30 s). Returns the final
  // 2xx reply. Errors: Unavailable (no answer), Internal (any other status,
  // with the server's text).
  Result<HttpReply> Call(const std::string& method, const std::string& path,
                         const std::string& body = "", PollPolicy poll = {});

  const CallStats& stats() const { return stats_; }

 private:
  struct Impl;
  Impl* impl_;
  std::string user_;
  std::string key_;
  CallStats stats_;
};

}  // namespace brickyard::bench
