// HttpServer: binds the pipeline to a socket with cpp-httplib (HTTP or
// HTTPS). Start() returns once listening; Stop() is safe from any thread.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "common/status.h"
#include "http/pipeline.h"

namespace httplib {
class Server;
}

namespace brickyard::http {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  int port = 8080;  // 0 = pick a free port
  bool tls = false;
  std::string cert_file;
  std::string key_file;
  int threads = 32;
};

class HttpServer {
 public:
  HttpServer(Pipeline& pipeline, ServerOptions options);
  ~HttpServer();

  // Binds and starts serving on a background thread. Returns the bound port.
  Result<int> Start();
  void Stop();
  // Blocks until the server stops.
  void Wait();

 private:
  Pipeline& pipeline_;
  ServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

}  // namespace brickyard::http
