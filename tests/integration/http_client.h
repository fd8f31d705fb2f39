// A small JWT-signing HTTP client for end-to-end tests, with the async
// protocol (202 → /queue polling → 303/204) spelled out so tests can assert
// every step.
#pragma once

#include <httplib.h>

#include <string>

#include <nlohmann/json.hpp>

namespace brickyard::testing {

struct Response {
  int status = 0;
  std::string body;
  httplib::Headers headers;
  std::string Header(const std::string& name) const;
  nlohmann::json Json() const;
};

class TestClient {
 public:
  TestClient(std::string base_url, std::string issuer = "admin", std::string key = "admin-secret");

  // One request with a fresh token for (method, path). `issuer` "" sends no
  // Authorization header.
  Response Do(const std::string& method, const std::string& path, const std::string& body = "");
  Response DoRaw(const std::string& method, const std::string& path, const std::string& body,
                 const httplib::Headers& headers);

  // Polls /queue/<id> from a 202 until it finishes; returns the final
  // response (after following a 303 when there is one).
  Response Wait(const Response& accepted);
  // Do + Wait.
  Response Run(const std::string& method, const std::string& path, const std::string& body = "");

  void SetIdentity(std::string issuer, std::string key) {
    issuer_ = std::move(issuer);
    key_ = std::move(key);
  }

 private:
  std::string base_;
  std::string issuer_;
  std::string key_;
  httplib::Client client_;
};

}  // namespace brickyard::testing
